using VirtuOps.Application.Common.Models;
using VirtuOps.Application.StaffAudit.Queries.GetStaffAuditLog;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>The staff audit log: every back-office call (admins only).</summary>
public sealed class AdminAuditLog : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapAdminGroup("/audit-log");
        group.MapGet("/", GetStaffAuditLog).ProducesValidationProblem();
    }

    /// <summary>
    /// Back-office calls newest first: who, when, which operation, which tenant, the reason and the outcome. Pass the
    /// previous page's <c>nextCursor</c> as <c>cursor</c> for the next page; filter by tenant, caller, operation (its
    /// start, e.g. "GET /api/admin/tenants") and time span [from, to).
    /// </summary>
    public static async Task<Ok<CursorPage<StaffAuditEntryDto>>> GetStaffAuditLog(ISender sender, CancellationToken cancellationToken,
        string? cursor = null, int limit = KeysetCursor.DefaultLimit, Guid? tenantId = null, Guid? actorUserId = null, string? operation = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        TypedResults.Ok(await sender.Send(new GetStaffAuditLogQuery(cursor, limit, tenantId, actorUserId, operation, from, to), cancellationToken));
}
