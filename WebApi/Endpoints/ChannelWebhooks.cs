using Microsoft.AspNetCore.Mvc;
using VirtuOps.Application.Channels.Inbound.Commands.ReceiveChannelWebhook;
using VirtuOps.Application.Channels.Inbound.Common;
using VirtuOps.Application.Channels.Inbound.Queries.VerifyChannelWebhook;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>
/// Telegram's and Meta's callbacks, one URL per connection (<c>/webhooks/{channel}/{connectionId}</c>). Called by
/// the providers, never by the SPA: out of the OpenAPI document, no cookies so no antiforgery, and no rate limit —
/// each connection's own secret authenticates the call, and a provider's burst of redeliveries must not be refused.
/// </summary>
public sealed class ChannelWebhooks : IEndpointGroup
{
    /// <summary>Setting that adds <c>POST /webhooks/_bare</c>, an endpoint that only answers 200: the load script's yardstick.</summary>
    public const string BareEndpointSetting = "Channels:Inbound:BareBenchEndpoint";

    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/webhooks").ExcludeFromDescription().DisableAntiforgery();
        group.MapPost("/telegram/{connectionId:guid}", ReceiveTelegramUpdate);
        group.MapGet("/{channel}/{connectionId:guid}", VerifyMetaWebhook);
        group.MapPost("/{channel}/{connectionId:guid}", ReceiveMetaWebhook);
        if (app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue(BareEndpointSetting, false))
            group.MapPost("/_bare", ReceiveBare);
    }

    public static Task<IResult> ReceiveTelegramUpdate(HttpRequest request, ISender sender, Guid connectionId, CancellationToken cancellationToken) =>
        ReceiveAsync(request, sender, Channel.Telegram, connectionId, WebhookSecrets.TelegramHeader, cancellationToken);

    public static async Task<IResult> ReceiveMetaWebhook(HttpRequest request, ISender sender, string channel, Guid connectionId, CancellationToken cancellationToken) =>
        MetaChannel(channel) is { } metaChannel
            ? await ReceiveAsync(request, sender, metaChannel, connectionId, WebhookSecrets.MetaSignatureHeader, cancellationToken)
            : TypedResults.NotFound();

    // The signature covers the exact bytes, so the body is read whole (up to the limit) before anything parses it.
    private static async Task<IResult> ReceiveAsync(HttpRequest request, ISender sender, Channel channel, Guid connectionId, string proofHeader, CancellationToken cancellationToken) =>
        await WebhookBody.ReadAsync(request, cancellationToken) is { } body
            ? Answer(await sender.Send(new ReceiveChannelWebhookCommand(channel, connectionId, body, request.Headers[proofHeader]), cancellationToken))
            : WebhookBody.TooLarge();

    public static async Task<IResult> VerifyMetaWebhook(ISender sender, string channel, Guid connectionId,
        [FromQuery(Name = "hub.mode")] string? mode, [FromQuery(Name = "hub.verify_token")] string? verifyToken,
        [FromQuery(Name = "hub.challenge")] string? challenge, CancellationToken cancellationToken)
    {
        if (MetaChannel(channel) is not { } metaChannel)
            return TypedResults.NotFound();
        var answer = await sender.Send(new VerifyChannelWebhookQuery(metaChannel, connectionId, mode, verifyToken, challenge), cancellationToken);
        return answer is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The verify token does not match.")
            : TypedResults.Text(answer, "text/plain");
    }

    public static async Task<IResult> ReceiveBare(HttpRequest request, CancellationToken cancellationToken) =>
        await WebhookBody.ReadAsync(request, cancellationToken) is null ? WebhookBody.TooLarge() : TypedResults.Ok();

    private static IResult Answer(WebhookOutcome outcome) => outcome == WebhookOutcome.Stored
        ? TypedResults.Ok()
        : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid webhook secret or signature.");

    private static Channel? MetaChannel(string channel) => channel switch
    {
        "whatsapp" => Channel.WhatsApp,
        "instagram" => Channel.Instagram,
        _ => null,
    };
}
