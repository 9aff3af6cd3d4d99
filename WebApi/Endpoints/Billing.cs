using VirtuOps.Application.Billing.Commands.CancelSubscription;
using VirtuOps.Application.Billing.Commands.ChangePlan;
using VirtuOps.Application.Billing.Commands.CompleteCheckout;
using VirtuOps.Application.Billing.Commands.ConfirmCardBinding;
using VirtuOps.Application.Billing.Commands.StartCardBinding;
using VirtuOps.Application.Billing.Commands.StartCheckout;
using VirtuOps.Application.Billing.PlanChanges;
using VirtuOps.Application.Billing.Queries.GetBilling;
using VirtuOps.Application.Billing.Queries.GetPlanChange;
using VirtuOps.Application.Billing.Queries.GetUsage;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>The owner's subscription: plans, usage against their limits, checkout on Paylov's page or our card form with its SMS code, the card on file, payments, cancel.</summary>
public sealed class Billing : IEndpointGroup
{
    public sealed record ChangePlanRequest(string PlanCode);

    public sealed record ConfirmCardRequest(Guid BindingId, string Otp);

    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/billing").WithTags("Billing")
            .RequireAuthorization().RequireAntiforgeryToken()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", GetBilling).AllowApiKeys();
        group.MapGet("/usage", GetUsage).AllowApiKeys();
        group.MapPost("/checkout", StartCheckout).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/checkout/{id:guid}/complete", CompleteCheckout).ProducesProblem(StatusCodes.Status404NotFound);
        // The card form (Paylov:CardBinding = Direct): the number is in this one body, which nothing logs or keeps.
        // Each card posted makes Paylov text its holder, and a stolen number could be tried here: limited as SMS sending is,
        // and the codes as code checks are.
        group.MapPost("/card", StartCardBinding).RequireRateLimiting(RateLimits.Sms)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/card/confirm", ConfirmCardBinding).RequireRateLimiting(RateLimits.CodeChecks)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/cancel", CancelSubscription).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/plan-change", GetPlanChange).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/plan", ChangePlan).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    public static async Task<Ok<BillingDto>> GetBilling(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetBillingQuery(), cancellationToken));

    public static async Task<Ok<UsageDto>> GetUsage(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetUsageQuery(), cancellationToken));

    public static async Task<Ok<CheckoutStartedDto>> StartCheckout(ISender sender, StartCheckoutCommand command, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(command, cancellationToken));

    public static async Task<Ok<CheckoutResultDto>> CompleteCheckout(ISender sender, Guid id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new CompleteCheckoutCommand(id), cancellationToken));

    public static async Task<Ok<CardOtpSentDto>> StartCardBinding(ISender sender, StartCardBindingCommand command, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(command, cancellationToken));

    public static async Task<Ok<CheckoutResultDto>> ConfirmCardBinding(ISender sender, ConfirmCardRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ConfirmCardBindingCommand(request.BindingId, request.Otp), cancellationToken));

    public static async Task<NoContent> CancelSubscription(ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new CancelSubscriptionCommand(), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<PlanChangeDto>> GetPlanChange(ISender sender, string planCode, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetPlanChangeQuery(planCode), cancellationToken));

    public static async Task<Ok<PlanChangeDto>> ChangePlan(ISender sender, ChangePlanRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ChangePlanCommand(request.PlanCode), cancellationToken));
}
