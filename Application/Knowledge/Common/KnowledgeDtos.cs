using VirtuOps.Domain.Bots;

namespace VirtuOps.Application.Knowledge.Common;

/// <summary><c>Version</c> changes with every change of the entry; quoted, it is the entry's ETag (send it as If-Match to write only over this version).</summary>
public sealed record KnowledgeEntryDto(Guid Id, Guid BotId, IReadOnlyList<string> Questions, string Answer, KnowledgeSource Source, DateTimeOffset LastModified, long Version);

public static class KnowledgeProjections
{
    public static KnowledgeEntryDto ToDto(this KnowledgeEntry entry) =>
        new(entry.Id, entry.BotId, entry.Questions, entry.Answer, entry.Source, entry.LastModified, entry.Version);
}

public static class KnowledgeRules
{
    public static IRuleBuilderOptions<T, IReadOnlyList<string>> QuestionVariants<T>(this IRuleBuilder<T, IReadOnlyList<string>> rule) =>
        rule.NotEmpty()
            .Must(questions => questions.Count <= KnowledgeEntry.MaxQuestions
                && questions.All(q => !string.IsNullOrWhiteSpace(q) && q.Length <= KnowledgeEntry.QuestionMaxLength))
            .WithMessage($"Give 1 to {KnowledgeEntry.MaxQuestions} questions, each at most {KnowledgeEntry.QuestionMaxLength} characters.");

    public static IRuleBuilderOptions<T, string> AnswerText<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(KnowledgeEntry.AnswerMaxLength);
}
