using System.Text.RegularExpressions;
using VirtuOps.Application.Channels.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Channels.Commands.ConnectTelegram;

/// <summary>
/// Connects a Telegram bot (its token from @BotFather) to one of the tenant's bots: the token is checked with getMe,
/// the connection saved with the token and a fresh webhook secret encrypted, and the webhook pointed at us.
/// </summary>
[Authorize(Roles = Roles.Owner, RequireVerifiedPhone = true)]
public sealed record ConnectTelegramCommand(Guid BotId, string BotToken) : ICommand<ChannelConnectionDto>
{
    // The token must never reach a log through the record's generated ToString.
    public override string ToString() => $"{nameof(ConnectTelegramCommand)} {{ BotId = {BotId} }}";
}

public sealed class ConnectTelegramCommandHandler(
    IApplicationDbContext context,
    ChannelConnector connector,
    ITelegramBotApi telegram,
    ChannelWebhookUrls urls,
    ISecretProtector secrets,
    ILogger<ConnectTelegramCommandHandler> logger) : ICommandHandler<ConnectTelegramCommand, ChannelConnectionDto>
{
    /// <summary>The updates the bot answers; anything else Telegram keeps to itself.</summary>
    public static readonly IReadOnlyList<string> AllowedUpdates = ["message", "edited_message", "callback_query"];

    public async ValueTask<ChannelConnectionDto> Handle(ConnectTelegramCommand command, CancellationToken cancellationToken)
    {
        var token = command.BotToken.Trim();
        var bot = await connector.FindBotToConnectAsync(command.BotId, Channel.Telegram, cancellationToken);
        var account = await connector.IdentifyAsync(Channel.Telegram, null, token, nameof(command.BotToken), null, cancellationToken);
        var credentials = new ChannelCredentials(token, WebhookSecret: ChannelConnector.NewSecret());

        // Saved before the webhook is set: the unique indexes settle a race before Telegram is touched (so another
        // tenant's webhook is never taken over), and the first update already finds its connection.
        var connection = await connector.SaveAsync(bot, Channel.Telegram, account, null, credentials, cancellationToken);
        try
        {
            await telegram.SetWebhookAsync(token, urls.For(Channel.Telegram, connection.Id), credentials.WebhookSecret!, AllowedUpdates, cancellationToken);
        }
        catch (ChannelApiException ex)
        {
            // Never live, so nothing refers to it: remove it rather than leave a connection that receives nothing.
            logger.LogWarning("Telegram refused the webhook of connection {ConnectionId} ({Failure}); the connection is removed", connection.Id, ex.Failure);
            context.ChannelConnections.Remove(connection);
            await context.SaveChangesAsync(CancellationToken.None);
            if (ex.Failure is ChannelFailure.Rejected or ChannelFailure.Unauthorized)
                throw ValidationException.ForField(nameof(command.BotToken), $"Telegram did not accept the webhook: {ex.Message}");
            throw;
        }

        return connection.ToDto(urls, secrets);
    }
}

public sealed partial class ConnectTelegramCommandValidator : AbstractValidator<ConnectTelegramCommand>
{
    public ConnectTelegramCommandValidator()
    {
        RuleFor(c => c.BotToken).NotEmpty()
            .Must(token => TokenFormat().IsMatch(token.Trim()))
            .WithMessage("This is not a Telegram bot token. Copy it from @BotFather: digits, a colon and 35 letters, digits, _ or -.");
    }

    [GeneratedRegex("^[0-9]{1,20}:[A-Za-z0-9_-]{35}$")]
    private static partial Regex TokenFormat();
}
