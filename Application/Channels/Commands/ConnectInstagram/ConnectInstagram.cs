using VirtuOps.Application.Channels.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Channels.Commands.ConnectInstagram;

/// <summary>
/// Connects an Instagram professional account (Messenger Platform) to one of the tenant's bots. The account is checked
/// with the access token; the token, the app secret and a fresh verify token are saved encrypted. The owner then
/// enters the callback URL and the verify token in Meta's dashboard.
/// </summary>
[Authorize(Roles = Roles.Owner, RequireVerifiedPhone = true)]
public sealed record ConnectInstagramCommand(Guid BotId, string AccountId, string AccessToken, string AppSecret) : ICommand<ChannelConnectionDto>
{
    // The token and the app secret must never reach a log through the record's generated ToString.
    public override string ToString() => $"{nameof(ConnectInstagramCommand)} {{ BotId = {BotId}, AccountId = {AccountId} }}";
}

public sealed class ConnectInstagramCommandHandler(ChannelConnector connector, ChannelWebhookUrls urls, ISecretProtector secrets)
    : ICommandHandler<ConnectInstagramCommand, ChannelConnectionDto>
{
    public async ValueTask<ChannelConnectionDto> Handle(ConnectInstagramCommand command, CancellationToken cancellationToken)
    {
        var (accountId, accessToken) = (command.AccountId.Trim(), command.AccessToken.Trim());
        var bot = await connector.FindBotToConnectAsync(command.BotId, Channel.Instagram, cancellationToken);
        var account = await connector.IdentifyAsync(Channel.Instagram, accountId, accessToken,
            nameof(command.AccessToken), nameof(command.AccountId), cancellationToken);
        var credentials = new ChannelCredentials(accessToken, command.AppSecret.Trim(), VerifyToken: ChannelConnector.NewSecret());
        var connection = await connector.SaveAsync(bot, Channel.Instagram, account, null, credentials, cancellationToken);
        return connection.ToDto(urls, secrets);
    }
}

public sealed class ConnectInstagramCommandValidator : AbstractValidator<ConnectInstagramCommand>
{
    public ConnectInstagramCommandValidator()
    {
        RuleFor(c => c.AccountId).MetaId();
        RuleFor(c => c.AccessToken).NotEmpty().MaximumLength(MetaValidation.MaxSecretLength);
        RuleFor(c => c.AppSecret).NotEmpty().MaximumLength(MetaValidation.MaxSecretLength);
    }
}
