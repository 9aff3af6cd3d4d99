namespace VirtuOps.Application.Common.Interfaces;

/// <summary>Facts about an account that authorization rules depend on.</summary>
public interface IAccountStatus
{
    Task<bool> IsPhoneVerifiedAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Whether the tenant's owner has verified their phone: what an API key of that tenant is held to.</summary>
    Task<bool> IsOwnerPhoneVerifiedAsync(Guid tenantId, CancellationToken cancellationToken);
}
