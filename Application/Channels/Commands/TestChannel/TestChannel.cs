using VirtuOps.Application.Channels.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Exceptions;

namespace VirtuOps.Application.Channels.Commands.TestChannel;

/// <summary>
/// Checks a live connection against its provider again (Telegram getMe, the WhatsApp number, the Instagram account).
/// A failure is the answer, not an error: it is returned and recorded as the connection's last error.
/// </summary>
[Authorize(Roles = Roles.Owner)]
public sealed record TestChannelCommand(Guid Id) : ICommand<ChannelTestResultDto>;

public sealed class TestChannelCommandHandler(IApplicationDbContext context, ChannelConnector connector, ISecretProtector secrets, TimeProvider time)
    : ICommandHandler<TestChannelCommand, ChannelTestResultDto>
{
    public async ValueTask<ChannelTestResultDto> Handle(TestChannelCommand command, CancellationToken cancellationToken)
    {
        var connection = await context.ChannelConnections.SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("No such channel connection.");
        if (!connection.IsConnected)
            throw new DomainRuleViolationException("This channel is disconnected; connect it again.");

        var credentials = secrets.UnprotectCredentials(connection);
        ChannelTestResultDto result;
        try
        {
            var account = await connector.ProbeAsync(connection.Channel, connection.AccountId, credentials.AccessToken, cancellationToken);
            // The owner may have renamed the bot, number or account at the provider since connecting.
            connection.Rename(account.DisplayName);
            connection.CheckSucceeded();
            result = new ChannelTestResultDto(true, $"{connection.Channel} answered: connected as {account.DisplayName}.", time.GetUtcNow());
        }
        catch (ChannelApiException ex)
        {
            result = new ChannelTestResultDto(false, ex.Message, time.GetUtcNow());
            connection.ErrorOccurred(ex.Message, result.CheckedAt);
        }

        await context.SaveChangesAsync(cancellationToken);
        return result;
    }
}
