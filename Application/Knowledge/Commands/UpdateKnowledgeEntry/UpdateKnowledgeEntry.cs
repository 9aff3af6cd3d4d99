using VirtuOps.Application.Common.Concurrency;
using VirtuOps.Application.Knowledge.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Knowledge.Commands.UpdateKnowledgeEntry;

/// <summary>Replaces an entry's questions and answer; with <paramref name="IfMatch"/> only the version the caller saw.</summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record UpdateKnowledgeEntryCommand(Guid Id, IReadOnlyList<string> Questions, string Answer, string? IfMatch = null) : ICommand<KnowledgeEntryDto>;

public sealed class UpdateKnowledgeEntryCommandHandler(IApplicationDbContext context) : ICommandHandler<UpdateKnowledgeEntryCommand, KnowledgeEntryDto>
{
    public async ValueTask<KnowledgeEntryDto> Handle(UpdateKnowledgeEntryCommand command, CancellationToken cancellationToken)
    {
        var entry = await context.KnowledgeEntries.SingleOrDefaultAsync(k => k.Id == command.Id, cancellationToken) ?? throw new NotFoundException("No such entry.");
        var bot = await context.Bots.SingleAsync(b => b.Id == entry.BotId, cancellationToken);
        EntityTags.EnsureMatches(command.IfMatch, entry.Version);
        entry.Update(bot, command.Questions, command.Answer);
        await context.SaveChangesIfUnchangedAsync(command.IfMatch, cancellationToken);
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
