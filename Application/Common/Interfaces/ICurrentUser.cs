namespace VirtuOps.Application.Common.Interfaces;

/// <summary>The caller of the current request or job.</summary>
public interface ICurrentUser
{
    string? Id { get; }

    bool IsAuthenticated { get; }

    bool IsInRole(string role);
}
