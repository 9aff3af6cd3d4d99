namespace VirtuOps.Application.Common.Interfaces;

/// <summary>Facts about an account that authorization rules depend on.</summary>
public interface IAccountStatus
{
    Task<bool> IsPhoneVerifiedAsync(Guid userId, CancellationToken cancellationToken);
}
