using VirtuOps.Application.AdminPayouts.Commands.ApprovePayout;
using VirtuOps.Application.AdminPayouts.Commands.RejectPayout;
using VirtuOps.Application.AdminPayouts.Common;
using VirtuOps.Application.AdminPayouts.Queries.GetPayouts;
using VirtuOps.Application.Common.Models;
using VirtuOps.Domain.Partners;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>Partners' payout requests, approved (paid by Paylov A2C) or rejected by an Admin.</summary>
public sealed class AdminPayouts : IEndpointGroup
{
    public sealed record PayoutDecision(string Reason);

    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapAdminGroup("/payouts");
        group.MapGet("/", GetPayouts).ProducesValidationProblem();
        group.MapPost("/{id:guid}/approve", ApprovePayout).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/reject", RejectPayout).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>Payout requests across partners, newest first; pass the previous page's <c>nextCursor</c> as <c>cursor</c>.</summary>
    public static async Task<Ok<CursorPage<AdminPayoutDto>>> GetPayouts(ISender sender, CancellationToken cancellationToken,
        PayoutStatus? status = null, string? cursor = null, int limit = KeysetCursor.DefaultLimit) =>
        TypedResults.Ok(await sender.Send(new GetPayoutsQuery(status, cursor, limit), cancellationToken));

    /// <summary>
    /// Pays the request by Paylov A2C, exactly once. When Paylov's answer was lost the payout stays <c>Paying</c>;
    /// approving it again a few minutes later reconciles it with Paylov. A settled payout is answered as it is.
    /// </summary>
    public static async Task<Ok<AdminPayoutDto>> ApprovePayout(ISender sender, Guid id, PayoutDecision decision, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ApprovePayoutCommand(id, decision.Reason), cancellationToken));

    /// <summary>Refuses the request; its amount is back in the partner's balance. Repeating it changes nothing.</summary>
    public static async Task<Ok<AdminPayoutDto>> RejectPayout(ISender sender, Guid id, PayoutDecision decision, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RejectPayoutCommand(id, decision.Reason), cancellationToken));
}
