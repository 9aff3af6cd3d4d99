using VirtuOps.Application.Channels.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Channels.Commands.DisconnectChannel;

/// <summary>Disconnects a channel and deletes its credentials (see <see cref="ChannelDisconnection"/>).</summary>
[Authorize(Roles = Roles.Owner)]
public sealed record DisconnectChannelCommand(Guid Id) : ICommand;

public sealed class DisconnectChannelCommandHandler(IApplicationDbContext context, ChannelDisconnection disconnection) : ICommandHandler<DisconnectChannelCommand>
{
    public async ValueTask<Unit> Handle(DisconnectChannelCommand command, CancellationToken cancellationToken)
    {
        var connection = await context.ChannelConnections.SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("No such channel connection.");
        await disconnection.DisconnectAsync(connection, cancellationToken);
        return Unit.Value;
    }
}
