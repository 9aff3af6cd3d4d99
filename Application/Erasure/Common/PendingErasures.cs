using VirtuOps.Domain.Privacy;

namespace VirtuOps.Application.Erasure.Common;

public static class PendingErasures
{
    /// <summary>The pending erasure that covers this user: of their own account or of their whole tenant.</summary>
    public static IQueryable<ErasureRequest> PendingFor(this IQueryable<ErasureRequest> requests, Guid userId, Guid? tenantId) =>
        requests.Where(r => r.CancelledAt == null && r.CompletedAt == null
            && (r.UserId == userId || (r.Scope == ErasureScope.Tenant && r.TenantId == tenantId)));

    /// <summary>A tenant whose erasure is pending: its bots stay silent.</summary>
    public static IQueryable<ErasureRequest> PendingForTenant(this IQueryable<ErasureRequest> requests, Guid tenantId) =>
        requests.Where(r => r.CancelledAt == null && r.CompletedAt == null && r.Scope == ErasureScope.Tenant && r.TenantId == tenantId);

    /// <summary>Sign-in is refused while an erasure is pending: the account was disabled when it was asked for.</summary>
    public static async Task ThrowIfErasurePendingAsync(this IApplicationDbContext context, Guid userId, Guid? tenantId, CancellationToken cancellationToken)
    {
        var pending = await context.ErasureRequests.PendingFor(userId, tenantId).Select(r => (DateTimeOffset?)r.PurgeAfter).FirstOrDefaultAsync(cancellationToken);
        if (pending is { } purgeAfter)
            throw new ConflictException(
                $"This account is scheduled for erasure on {purgeAfter:yyyy-MM-dd HH:mm} UTC. Until then it can only cancel the erasure (DELETE /api/privacy/erasure with its e-mail and password).");
    }
}
