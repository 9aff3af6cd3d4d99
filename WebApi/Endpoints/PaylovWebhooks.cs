using System.Text.Json;
using Microsoft.Net.Http.Headers;
using VirtuOps.Application.Billing.Commands.SettlePaylovEvent;
using VirtuOps.Infrastructure.Paylov;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>
/// Paylov's payment callbacks. Paylov authenticates them in a header (HTTP Basic), so a caller without the credentials
/// is refused before a byte of its body is read, and an authentic body is held to the webhook limit.
/// </summary>
public sealed class PaylovWebhooks : IEndpointGroup
{
    private sealed record PaylovEvent(string? event_id, string? external_id);

    public void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/webhooks/paylov", ReceivePaylovEvent).ExcludeFromDescription();

    public static async Task<IResult> ReceivePaylovEvent(HttpRequest request, PaylovCallbackCredentials credentials, ISender sender, CancellationToken cancellationToken)
    {
        if (!credentials.AreValid(request.Headers[HeaderNames.Authorization]))
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"paylov-callbacks\"";
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid callback credentials.");
        }

        if (await WebhookBody.ReadAsync(request, cancellationToken) is not { } body)
            return WebhookBody.TooLarge();

        PaylovEvent? payload;
        try
        {
            payload = JsonSerializer.Deserialize<PaylovEvent>(body);
        }
        catch (JsonException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a Paylov event.");
        }

        await sender.Send(new SettlePaylovEventCommand(payload?.event_id ?? string.Empty, payload?.external_id ?? string.Empty), cancellationToken);
        return TypedResults.Ok();
    }
}
