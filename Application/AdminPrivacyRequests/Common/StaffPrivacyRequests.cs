using VirtuOps.Domain.PrivacyRequests;

namespace VirtuOps.Application.AdminPrivacyRequests.Common;

/// <summary>What every staff action on a data-subject request shares: the request looked up and its tenant named in the audit entry.</summary>
public sealed class StaffPrivacyRequests(IApplicationDbContext context, IStaffAuditTrail trail)
{
    public async Task<PrivacyRequest> FindAsync(Guid id, string reason, CancellationToken cancellationToken)
    {
        trail.Because(reason);
        var request = await context.PrivacyRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException("No such privacy request.");
        if (request.TenantId is { } tenantId)
            trail.Concerns(tenantId);
        return request;
    }
}
