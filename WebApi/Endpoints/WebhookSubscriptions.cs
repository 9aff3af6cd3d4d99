using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Webhooks.Commands.CreateWebhookSubscription;
using VirtuOps.Application.Webhooks.Commands.DeleteWebhookSubscription;
using VirtuOps.Application.Webhooks.Commands.RedeliverWebhook;
using VirtuOps.Application.Webhooks.Commands.RotateWebhookSecret;
using VirtuOps.Application.Webhooks.Common;
using VirtuOps.Application.Webhooks.Queries.GetWebhookDeliveries;
using VirtuOps.Application.Webhooks.Queries.GetWebhookSubscriptions;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>Outgoing webhooks: the owner's endpoints that receive the tenant's events, signed.</summary>
public sealed class WebhookSubscriptions : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/webhook-subscriptions").WithTags("WebhookSubscriptions")
            .RequireAuthorization().AllowApiKeys().RequireAntiforgeryToken()
            .AddEndpointFilter(RefuseLargeBodies)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", GetWebhookSubscriptions);
        group.MapPost("/", CreateWebhookSubscription);
        group.MapDelete("/{id:guid}", DeleteWebhookSubscription).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/rotate-secret", RotateWebhookSecret).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/deliveries", GetWebhookDeliveries).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", RedeliverWebhook).ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Ok<IReadOnlyList<WebhookSubscriptionDto>>> GetWebhookSubscriptions(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetWebhookSubscriptionsQuery(), cancellationToken));

    public static async Task<Created<CreatedWebhookSubscriptionDto>> CreateWebhookSubscription(ISender sender, CreateWebhookSubscriptionCommand command,
        CancellationToken cancellationToken)
    {
        var created = await sender.Send(command, cancellationToken);
        return TypedResults.Created($"/api/webhook-subscriptions/{created.Subscription.Id}", created);
    }

    public static async Task<NoContent> DeleteWebhookSubscription(ISender sender, Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteWebhookSubscriptionCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<RotatedWebhookSecretDto>> RotateWebhookSecret(ISender sender, Guid id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RotateWebhookSecretCommand(id), cancellationToken));

    /// <summary>The delivery log, newest first; pass <c>nextCursor</c> back as <c>cursor</c> for older deliveries.</summary>
    public static async Task<Ok<CursorPage<WebhookDeliveryDto>>> GetWebhookDeliveries(ISender sender, Guid id, CancellationToken cancellationToken,
        string? cursor = null, int limit = KeysetCursor.DefaultLimit) =>
        TypedResults.Ok(await sender.Send(new GetWebhookDeliveriesQuery(id, cursor, limit), cancellationToken));

    public static async Task<Accepted> RedeliverWebhook(ISender sender, Guid id, Guid deliveryId, CancellationToken cancellationToken)
    {
        await sender.Send(new RedeliverWebhookCommand(id, deliveryId), cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>A subscription is a few hundred bytes; anything over 64 kB is refused as a field error, not read into a command.</summary>
    private static async ValueTask<object?> RefuseLargeBodies(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Request.ContentLength > WebhookOptions.MaxRequestBodyBytes
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["The request body may be at most 64 kB."] })
            : await next(context);
}
