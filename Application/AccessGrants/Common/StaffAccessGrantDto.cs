using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.AccessGrants.Common;

/// <summary>A running grant: why, since when and until when platform staff may read the tenant's conversations and knowledge.</summary>
public sealed record StaffAccessGrantDto(Guid Id, string Reason, DateTimeOffset GrantedAt, DateTimeOffset ExpiresAt);

/// <summary>Whether platform staff may read the tenant's conversations and knowledge now: the running grant, or null.</summary>
public sealed record StaffAccessDto(StaffAccessGrantDto? Grant);

public static class StaffAccessGrants
{
    public static StaffAccessGrantDto ToDto(this StaffAccessGrant grant) => new(grant.Id, grant.Reason, grant.GrantedAt, grant.ExpiresAt);

    /// <summary>The grants running at <paramref name="now"/>, longest-running first (normally one).</summary>
    public static IQueryable<StaffAccessGrant> ActiveAt(this IQueryable<StaffAccessGrant> grants, DateTimeOffset now) =>
        grants.Where(g => g.RevokedAt == null && g.ExpiresAt > now).OrderByDescending(g => g.ExpiresAt);
}
