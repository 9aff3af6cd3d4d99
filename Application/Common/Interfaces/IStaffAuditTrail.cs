namespace VirtuOps.Application.Common.Interfaces;

/// <summary>
/// What a back-office operation tells the staff audit log about the call it is handling: the tenant whose data it
/// concerned and the reason staff gave. The host records the entry with the caller and the outcome.
/// </summary>
public interface IStaffAuditTrail
{
    Guid? TenantId { get; }

    string? Reason { get; }

    void Concerns(Guid tenantId);

    void Because(string reason);
}
