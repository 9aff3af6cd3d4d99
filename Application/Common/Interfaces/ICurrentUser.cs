namespace VirtuOps.Application.Common.Interfaces;

/// <summary>The caller of the current request or job: a signed-in user, an integrator's API key, or nobody.</summary>
public interface ICurrentUser
{
    /// <summary>A stable id for logs and audit columns: the user id, or <c>api-key:&lt;prefix&gt;</c>.</summary>
    string? Id { get; }

    /// <summary>The signed-in user; null for anonymous callers and API keys.</summary>
    Guid? UserId { get; }

    /// <summary>The tenant whose data the caller works with; null for anonymous callers and platform staff.</summary>
    Guid? TenantId { get; }

    /// <summary>The browser session of a cookie sign-in; null otherwise.</summary>
    Guid? SessionId { get; }

    bool IsAuthenticated { get; }

    bool IsInRole(string role);
}
