using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;
using VirtuOps.Application.Billing.Commands.HandlePaylovCallback;
using VirtuOps.Application.Common.Exceptions;
using VirtuOps.Infrastructure.Paylov;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>
/// Paylov's callbacks: JSON-RPC 2.0 <c>transaction.check</c> and <c>transaction.perform</c>. Paylov authenticates them
/// with HTTP Basic auth, so a caller without the credentials is refused (401) before a byte of its body is read, and
/// an authentic body is held to the webhook limit. Answers are JSON-RPC: <c>result {status, statusText}</c> with the
/// documented statuses (0 OK, 3 try later, 5 wrong amount, 303 unknown order), or a JSON-RPC error for a call that is
/// not one of these.
/// </summary>
public sealed class PaylovWebhooks : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/webhooks/paylov", ReceivePaylovCallback).ExcludeFromDescription();

    public static async Task<IResult> ReceivePaylovCallback(HttpRequest request, PaylovCallbackCredentials credentials, ISender sender, CancellationToken cancellationToken)
    {
        if (!credentials.AreValid(request.Headers[HeaderNames.Authorization]))
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"paylov-callbacks\"";
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid callback credentials.");
        }

        if (await WebhookBody.ReadAsync(request, cancellationToken) is not { } body)
            return WebhookBody.TooLarge();

        JsonObject call;
        try
        {
            call = JsonNode.Parse(body) as JsonObject ?? throw new JsonException();
        }
        catch (JsonException)
        {
            return Error(null, -32700, "Parse error");
        }

        var id = call["id"]?.DeepClone();
        var method = (string?)(call["method"] as JsonValue) switch
        {
            "transaction.check" => PaylovCallbackMethod.Check,
            "transaction.perform" => PaylovCallbackMethod.Perform,
            _ => (PaylovCallbackMethod?)null,
        };
        if (method is null)
            return Error(id, -32601, "Method not found");
        if (call["params"] is not JsonObject parameters || OrderIdOf(parameters) is not { } orderId || AmountTiyinOf(parameters) is not { } amountTiyin)
            return Error(id, -32602, "Invalid params");

        PaylovCallbackStatus status;
        try
        {
            status = await sender.Send(new HandlePaylovCallbackCommand(method.Value, orderId, amountTiyin, TextOf(parameters["transaction_id"])), cancellationToken);
        }
        catch (ValidationException)
        {
            return Error(id, -32602, "Invalid params");
        }

        return TypedResults.Json(new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = id,
            ["result"] = new JsonObject { ["status"] = ((int)status).ToString(CultureInfo.InvariantCulture), ["statusText"] = status.ToString() },
        });
    }

    private static JsonHttpResult<JsonObject> Error(JsonNode? id, int code, string message) =>
        TypedResults.Json(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    /// <summary>Our charge key, as we put it into <c>account.order_id</c> at receipts/create.</summary>
    private static string? OrderIdOf(JsonObject parameters) =>
        parameters["account"] is JsonObject account ? TextOf(account["order_id"]) : null;

    /// <summary><c>amount_tiyin</c>, or <c>amount</c> in SUM; null when neither is a whole number of tiyin.</summary>
    private static long? AmountTiyinOf(JsonObject parameters)
    {
        try
        {
            if (parameters["amount_tiyin"] is JsonValue tiyin)
                return tiyin.GetValue<long>();
            if (parameters["amount"] is JsonValue sum && sum.GetValue<decimal>() * 100 is var amount && amount == decimal.Truncate(amount))
                return (long)amount;
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or OverflowException)
        {
        }

        return null;
    }

    /// <summary>A string or number as text (Paylov's ids may be either).</summary>
    private static string? TextOf(JsonNode? node) => node is JsonValue value
        ? value.TryGetValue<string>(out var text) ? text : value.ToJsonString()
        : null;
}
