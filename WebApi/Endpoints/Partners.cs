using VirtuOps.Application.Billing.Payments;
using VirtuOps.Application.Partners.Commands.BecomePartner;
using VirtuOps.Application.Partners.Commands.ConfirmPayoutCard;
using VirtuOps.Application.Partners.Commands.RequestPayout;
using VirtuOps.Application.Partners.Commands.SetPayoutDetails;
using VirtuOps.Application.Partners.Commands.StartPayoutCard;
using VirtuOps.Application.Partners.Queries.GetMyPartner;
using VirtuOps.Application.Partners.Queries.GetPayoutAccount;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>
/// The owner's partner programme: join, then the referral link, referred tenants and the commission ledger; the payout
/// details (PINFL or STIR, masked), the payout card bound with Paylov's SMS code, and payout requests.
/// </summary>
public sealed class Partners : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/partners").WithTags("Partners")
            .RequireAuthorization().RequireAntiforgeryToken()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/me", GetMyPartner).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/me", BecomePartner);
        group.MapGet("/me/payout-account", GetPayoutAccount).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/me/payout-details", SetPayoutDetails).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/me/payout-card", StartPayoutCard).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/me/payout-card/confirm", ConfirmPayoutCard).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/me/payouts", RequestPayout).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    public static async Task<Ok<PartnerDto>> GetMyPartner(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetMyPartnerQuery(), cancellationToken));

    public static async Task<Ok<PartnerDto>> BecomePartner(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new BecomePartnerCommand(), cancellationToken));

    /// <summary>The payout details (masked), the payout card (masked) and the payout requests.</summary>
    public static async Task<Ok<PayoutAccountDto>> GetPayoutAccount(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetPayoutAccountQuery(), cancellationToken));

    /// <summary>Who is paid: a person by PINFL (checked with Paylov against the payout card) or a company by STIR and name.</summary>
    public static async Task<Ok<PayoutAccountDto>> SetPayoutDetails(ISender sender, SetPayoutDetailsCommand command, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(command, cancellationToken));

    /// <summary>Sends the payout card's number and expiry (YYMM) to Paylov, which texts a code to the card's phone.</summary>
    public static async Task<Ok<CardOtpSent>> StartPayoutCard(ISender sender, StartPayoutCardCommand command, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(command, cancellationToken));

    /// <summary>Confirms the payout card with the texted code; a person's card must match their PINFL.</summary>
    public static async Task<Ok<PayoutAccountDto>> ConfirmPayoutCard(ISender sender, ConfirmPayoutCardCommand command, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(command, cancellationToken));

    /// <summary>Asks for a payout of at least the minimum and at most the balance; held from the balance until staff decide.</summary>
    public static async Task<Ok<PayoutDto>> RequestPayout(ISender sender, RequestPayoutCommand command, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(command, cancellationToken));
}
