using VirtuOps.Domain.Common;
using VirtuOps.Domain.Exceptions;

namespace VirtuOps.Domain.Bots;

/// <summary>Where a knowledge entry came from; Google Sheets rows arrive in a later feature.</summary>
public enum KnowledgeSource
{
    Manual = 0,
    GoogleSheet = 1,
}

/// <summary>One thing a bot knows: the ways customers ask it, and the answer.</summary>
public sealed class KnowledgeEntry : TenantOwnedEntity
{
    public const int QuestionMaxLength = 500;
    public const int MaxQuestions = 20;
    public const int AnswerMaxLength = 4000;

    private KnowledgeEntry(Guid botId, KnowledgeSource source)
    {
        BotId = botId;
        Source = source;
    }

    public Guid BotId { get; private set; }

    public List<string> Questions { get; private set; } = [];

    public string Answer { get; private set; } = string.Empty;

    public KnowledgeSource Source { get; private set; }

    /// <summary>Bumped on every change of the entry; its ETag.</summary>
    public long Version { get; private set; }

    public static KnowledgeEntry Create(Bot bot, IEnumerable<string> questions, string answer, KnowledgeSource source = KnowledgeSource.Manual)
    {
        var entry = new KnowledgeEntry(bot.Id, source);
        entry.Change(questions, answer);
        bot.KnowledgeChanged();
        return entry;
    }

    public void Update(Bot bot, IEnumerable<string> questions, string answer)
    {
        Change(questions, answer);
        Version++;
        bot.KnowledgeChanged();
    }

    private void Change(IEnumerable<string> questions, string answer)
    {
        var variants = questions.Select(q => q.Trim()).Where(q => q.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (variants.Count == 0)
            throw new DomainRuleViolationException("An entry needs at least one question.");
        if (variants.Count > MaxQuestions || variants.Any(q => q.Length > QuestionMaxLength))
            throw new DomainRuleViolationException($"An entry has at most {MaxQuestions} questions of {QuestionMaxLength} characters.");
        var trimmedAnswer = answer?.Trim() ?? string.Empty;
        if (trimmedAnswer.Length is 0 or > AnswerMaxLength)
            throw new DomainRuleViolationException($"An entry needs an answer of at most {AnswerMaxLength} characters.");

        Questions = variants;
        Answer = trimmedAnswer;
    }
}
