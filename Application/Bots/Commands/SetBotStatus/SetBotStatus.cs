using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Bots.Commands.SetBotStatus;

/// <summary>Pauses a bot (its conversations wait for humans) or puts it back to work.</summary>
[Authorize(Roles = Roles.Owner)]
public sealed record SetBotStatusCommand(Guid Id, BotStatus Status) : ICommand;

public sealed class SetBotStatusCommandHandler(IApplicationDbContext context) : ICommandHandler<SetBotStatusCommand>
{
    public async ValueTask<Unit> Handle(SetBotStatusCommand command, CancellationToken cancellationToken)
    {
        var bot = await context.Bots.SingleOrDefaultAsync(b => b.Id == command.Id, cancellationToken) ?? throw new NotFoundException("No such bot.");
        if (command.Status == BotStatus.Paused)
            bot.Pause();
        else
            bot.Resume();
        await context.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed class SetBotStatusCommandValidator : AbstractValidator<SetBotStatusCommand>
{
    public SetBotStatusCommandValidator() => RuleFor(c => c.Status).IsInEnum();
}
