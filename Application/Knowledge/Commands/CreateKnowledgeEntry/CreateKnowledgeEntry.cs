using VirtuOps.Application.Knowledge.Common;
using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Knowledge.Commands.CreateKnowledgeEntry;

/// <summary>Teaches a bot one more answer; the bot uses it from its next answer on.</summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record CreateKnowledgeEntryCommand(Guid BotId, IReadOnlyList<string> Questions, string Answer) : ICommand<KnowledgeEntryDto>;

public sealed class CreateKnowledgeEntryCommandHandler(IApplicationDbContext context) : ICommandHandler<CreateKnowledgeEntryCommand, KnowledgeEntryDto>
{
    public async ValueTask<KnowledgeEntryDto> Handle(CreateKnowledgeEntryCommand command, CancellationToken cancellationToken)
    {
        var bot = await context.Bots.SingleOrDefaultAsync(b => b.Id == command.BotId, cancellationToken) ?? throw new NotFoundException("No such bot.");
        var entry = KnowledgeEntry.Create(bot, command.Questions, command.Answer);
        context.KnowledgeEntries.Add(entry);
        await context.SaveChangesAsync(cancellationToken);
        return entry.ToDto();
    }
}

public sealed class CreateKnowledgeEntryCommandValidator : AbstractValidator<CreateKnowledgeEntryCommand>
{
    public CreateKnowledgeEntryCommandValidator()
    {
        RuleFor(c => c.Questions).QuestionVariants();
        RuleFor(c => c.Answer).AnswerText();
    }
}
