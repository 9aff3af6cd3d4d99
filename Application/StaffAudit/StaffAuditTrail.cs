namespace VirtuOps.Application.StaffAudit;

/// <summary>One per request: filled by the operation, read by the host when it records the call.</summary>
internal sealed class StaffAuditTrail : IStaffAuditTrail
{
    public Guid? TenantId { get; private set; }

    public string? Reason { get; private set; }

    public void Concerns(Guid tenantId) => TenantId = tenantId;

    public void Because(string reason) => Reason = reason.Trim();
}
