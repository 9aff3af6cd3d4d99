using VirtuOps.Application.Channels.Commands.ConnectInstagram;
using VirtuOps.Application.Channels.Commands.ConnectTelegram;
using VirtuOps.Application.Channels.Commands.ConnectWhatsApp;
using VirtuOps.Application.Channels.Commands.DisconnectChannel;
using VirtuOps.Application.Channels.Commands.TestChannel;
using VirtuOps.Application.Channels.Common;
using VirtuOps.Application.Channels.Queries.GetChannels;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>Connecting a bot to Telegram, WhatsApp and Instagram; checking and disconnecting a connection.</summary>
public sealed class Channels : IEndpointGroup
{
    public sealed record TelegramConnectRequest(string BotToken);

    public sealed record WhatsAppConnectRequest(string PhoneNumberId, string BusinessAccountId, string AccessToken, string AppSecret);

    public sealed record InstagramConnectRequest(string AccountId, string AccessToken, string AppSecret);

    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Channels")
            .RequireAuthorization().AllowApiKeys().RequireAntiforgeryToken()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/bots/{id:guid}/channels", GetChannels);
        group.MapPost("/bots/{id:guid}/channels/telegram", ConnectTelegram).ProducesConnectProblems();
        group.MapPost("/bots/{id:guid}/channels/whatsapp", ConnectWhatsApp).ProducesConnectProblems();
        group.MapPost("/bots/{id:guid}/channels/instagram", ConnectInstagram).ProducesConnectProblems();
        group.MapPost("/channels/{id:guid}/test", TestChannel).AllowReadApiKeys().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/channels/{id:guid}", DisconnectChannel).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    public static async Task<Ok<IReadOnlyList<ChannelConnectionDto>>> GetChannels(ISender sender, Guid id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetChannelsQuery(id), cancellationToken));

    public static async Task<Created<ChannelConnectionDto>> ConnectTelegram(ISender sender, Guid id, TelegramConnectRequest request, CancellationToken cancellationToken) =>
        Created(await sender.Send(new ConnectTelegramCommand(id, request.BotToken), cancellationToken));

    public static async Task<Created<ChannelConnectionDto>> ConnectWhatsApp(ISender sender, Guid id, WhatsAppConnectRequest request, CancellationToken cancellationToken) =>
        Created(await sender.Send(new ConnectWhatsAppCommand(id, request.PhoneNumberId, request.BusinessAccountId, request.AccessToken, request.AppSecret), cancellationToken));

    public static async Task<Created<ChannelConnectionDto>> ConnectInstagram(ISender sender, Guid id, InstagramConnectRequest request, CancellationToken cancellationToken) =>
        Created(await sender.Send(new ConnectInstagramCommand(id, request.AccountId, request.AccessToken, request.AppSecret), cancellationToken));

    public static async Task<Ok<ChannelTestResultDto>> TestChannel(ISender sender, Guid id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new TestChannelCommand(id), cancellationToken));

    public static async Task<NoContent> DisconnectChannel(ISender sender, Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new DisconnectChannelCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }

    private static Created<ChannelConnectionDto> Created(ChannelConnectionDto connection) =>
        TypedResults.Created($"/api/bots/{connection.BotId}/channels", connection);
}

internal static class ChannelEndpointConventions
{
    /// <summary>409 (already connected), 422 (plan limit), 503 (the provider did not answer).</summary>
    public static RouteHandlerBuilder ProducesConnectProblems(this RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
