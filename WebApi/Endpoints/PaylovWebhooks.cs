using System.Text.Json;
using VirtuOps.Application.Billing.Commands.SettlePaylovEvent;
using VirtuOps.Infrastructure.Paylov;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>Paylov's payment callbacks: the signature is checked on the raw body before anything is read from it.</summary>
public sealed class PaylovWebhooks : IEndpointGroup
{
    private sealed record PaylovEvent(string? event_id, string? external_id);

    public void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/webhooks/paylov", ReceivePaylovEvent).ExcludeFromDescription();

    public static async Task<IResult> ReceivePaylovEvent(HttpRequest request, PaylovSignature signature, ISender sender, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();
        if (!signature.IsValid(body, request.Headers[PaylovSignature.HeaderName]))
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid signature.");

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
