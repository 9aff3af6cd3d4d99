using VirtuOps.Application.AdminBilling.Queries.GetCharges;
using VirtuOps.Application.Common.Models;
using VirtuOps.Domain.Billing;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>Billing across tenants for staff: charges and failed renewals.</summary>
public sealed class AdminBilling : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapAdminGroup("/billing");
        group.MapGet("/charges", GetCharges).ProducesValidationProblem();
    }

    /// <summary>
    /// Charges newest first, optionally of one status (<c>Failed</c>: the dunning queue's attempts) and of one tenant;
    /// pass the previous page's <c>nextCursor</c> as <c>cursor</c>.
    /// </summary>
    public static async Task<Ok<CursorPage<AdminChargeDto>>> GetCharges(ISender sender, CancellationToken cancellationToken,
        ChargeStatus? status = null, Guid? tenantId = null, string? cursor = null, int limit = KeysetCursor.DefaultLimit) =>
        TypedResults.Ok(await sender.Send(new GetChargesQuery(status, tenantId, cursor, limit), cancellationToken));
}
