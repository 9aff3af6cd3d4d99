using VirtuOps.Application.Bots.Answering;
using VirtuOps.Application.Bots.Common;
using VirtuOps.Application.Widget.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Bots.Queries.AskPlayground;

/// <summary>Tries a question on a bot without a conversation: the answer, where it came from, and the matched entry.</summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record AskPlaygroundQuery(Guid BotId, string Question) : IQuery<PlaygroundAnswerDto>;

public sealed record PlaygroundAnswerDto(string Answer, AnswerSource Source, double Confidence, Guid? MatchedEntryId, IReadOnlyList<string> MatchedQuestions);

public sealed class AskPlaygroundQueryHandler(IApplicationDbContext context, BotResponder responder) : IQueryHandler<AskPlaygroundQuery, PlaygroundAnswerDto>
{
    public async ValueTask<PlaygroundAnswerDto> Handle(AskPlaygroundQuery query, CancellationToken cancellationToken)
    {
        var bot = await context.Bots.AsNoTracking().SingleOrDefaultAsync(b => b.Id == query.BotId, cancellationToken) ?? throw new NotFoundException("No such bot.");
        var answer = await responder.AnswerAsync(bot, query.Question.Trim(), cancellationToken);
        var matched = answer.MatchedEntryId is { } entryId
            ? await context.KnowledgeEntries.AsNoTracking().Where(k => k.Id == entryId).Select(k => k.Questions).SingleOrDefaultAsync(cancellationToken)
            : null;
        return new PlaygroundAnswerDto(answer.Text, answer.Source, answer.Confidence, answer.MatchedEntryId, matched ?? []);
    }
}

public sealed class AskPlaygroundQueryValidator : AbstractValidator<AskPlaygroundQuery>
{
    public AskPlaygroundQueryValidator() => RuleFor(q => q.Question).ChatText();
}
