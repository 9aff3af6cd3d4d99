using VirtuOps.Application.Channels.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Channels.Commands.ConnectWhatsApp;

/// <summary>
/// Connects a WhatsApp Business number (Cloud API) to one of the tenant's bots. The number is checked with the access
/// token; the token, the app secret (which signs Meta's webhooks) and a fresh verify token are saved encrypted. The
/// owner then enters the callback URL and the verify token in Meta's dashboard.
/// </summary>
[Authorize(Roles = Roles.Owner, RequireVerifiedPhone = true)]
public sealed record ConnectWhatsAppCommand(Guid BotId, string PhoneNumberId, string BusinessAccountId, string AccessToken, string AppSecret)
    : ICommand<ChannelConnectionDto>
{
    // The token and the app secret must never reach a log through the record's generated ToString.
    public override string ToString() => $"{nameof(ConnectWhatsAppCommand)} {{ BotId = {BotId}, PhoneNumberId = {PhoneNumberId} }}";
}

public sealed class ConnectWhatsAppCommandHandler(ChannelConnector connector, ChannelWebhookUrls urls, ISecretProtector secrets)
    : ICommandHandler<ConnectWhatsAppCommand, ChannelConnectionDto>
{
    public async ValueTask<ChannelConnectionDto> Handle(ConnectWhatsAppCommand command, CancellationToken cancellationToken)
    {
        var (phoneNumberId, accessToken) = (command.PhoneNumberId.Trim(), command.AccessToken.Trim());
        var bot = await connector.FindBotToConnectAsync(command.BotId, Channel.WhatsApp, cancellationToken);
        var account = await connector.IdentifyAsync(Channel.WhatsApp, phoneNumberId, accessToken,
            nameof(command.AccessToken), nameof(command.PhoneNumberId), cancellationToken);
        var credentials = new ChannelCredentials(accessToken, command.AppSecret.Trim(), VerifyToken: ChannelConnector.NewSecret());
        var connection = await connector.SaveAsync(bot, Channel.WhatsApp, account, command.BusinessAccountId.Trim(), credentials, cancellationToken);
        return connection.ToDto(urls, secrets);
    }
}

public sealed class ConnectWhatsAppCommandValidator : AbstractValidator<ConnectWhatsAppCommand>
{
    public ConnectWhatsAppCommandValidator()
    {
        RuleFor(c => c.PhoneNumberId).MetaId();
        RuleFor(c => c.BusinessAccountId).MetaId();
        RuleFor(c => c.AccessToken).NotEmpty().MaximumLength(MetaValidation.MaxSecretLength);
        RuleFor(c => c.AppSecret).NotEmpty().MaximumLength(MetaValidation.MaxSecretLength);
    }
}
