using VirtuOps.Application.Knowledge.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Knowledge.Commands.UpdateKnowledgeEntry;

[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record UpdateKnowledgeEntryCommand(Guid Id, IReadOnlyList<string> Questions, string Answer) : ICommand<KnowledgeEntryDto>;

public sealed class UpdateKnowledgeEntryCommandHandler(IApplicationDbContext context) : ICommandHandler<UpdateKnowledgeEntryCommand, KnowledgeEntryDto>
{
    public async ValueTask<KnowledgeEntryDto> Handle(UpdateKnowledgeEntryCommand command, CancellationToken cancellationToken)
    {
        var entry = await context.KnowledgeEntries.SingleOrDefaultAsync(k => k.Id == command.Id, cancellationToken) ?? throw new NotFoundException("No such entry.");
        var bot = await context.Bots.SingleAsync(b => b.Id == entry.BotId, cancellationToken);
        entry.Update(bot, command.Questions, command.Answer);
        await context.SaveChangesAsync(cancellationToken);
        return entry.ToDto();
    }
}

public sealed class UpdateKnowledgeEntryCommandValidator : AbstractValidator<UpdateKnowledgeEntryCommand>
{
    public UpdateKnowledgeEntryCommandValidator()
    {
        RuleFor(c => c.Questions).QuestionVariants();
        RuleFor(c => c.Answer).AnswerText();
    }
}
