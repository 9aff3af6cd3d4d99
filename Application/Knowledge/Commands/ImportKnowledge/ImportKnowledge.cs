using FluentValidation.Results;
using VirtuOps.Application.Knowledge.Common;
using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Knowledge.Commands.ImportKnowledge;

/// <summary>
/// Adds entries from a CSV file. Every row is checked first; if any row is wrong, nothing is imported and each
/// wrong row is reported by its number (errors keyed <c>rows[N]</c>), so the file can be fixed and sent again.
/// </summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record ImportKnowledgeCommand(Guid BotId, string Csv) : ICommand<KnowledgeImportResultDto>;

public sealed record KnowledgeImportResultDto(int Imported);

public sealed class ImportKnowledgeCommandHandler(IApplicationDbContext context) : ICommandHandler<ImportKnowledgeCommand, KnowledgeImportResultDto>
{
    public async ValueTask<KnowledgeImportResultDto> Handle(ImportKnowledgeCommand command, CancellationToken cancellationToken)
    {
        var bot = await context.Bots.SingleOrDefaultAsync(b => b.Id == command.BotId, cancellationToken) ?? throw new NotFoundException("No such bot.");

        IReadOnlyList<KnowledgeCsv.Row> rows;
        try
        {
            rows = KnowledgeCsv.Read(command.Csv);
        }
        catch (CsvHelper.CsvHelperException ex)
        {
            throw ValidationException.ForField("csv", $"The file is not valid CSV: {ex.Message.Split('\n')[0]}");
        }

        if (rows.Count == 0)
            throw ValidationException.ForField("csv", "The file has no entries under its header row.");
        if (rows.Count > KnowledgeCsv.MaxRows)
            throw ValidationException.ForField("csv", $"At most {KnowledgeCsv.MaxRows} entries per file.");

        var failures = rows.SelectMany(RowFailures).ToList();
        if (failures.Count > 0)
            throw new ValidationException(failures);

        foreach (var row in rows)
            context.KnowledgeEntries.Add(KnowledgeEntry.Create(bot, row.Questions, row.Answer));
        await context.SaveChangesAsync(cancellationToken);
        return new KnowledgeImportResultDto(rows.Count);
    }

    private static IEnumerable<ValidationFailure> RowFailures(KnowledgeCsv.Row row)
    {
        var field = $"rows[{row.Number}]";
        if (row.Questions.Count == 0)
            yield return new ValidationFailure(field, $"Row {row.Number}: the questions column is empty.");
        if (row.Questions.Count > KnowledgeEntry.MaxQuestions || row.Questions.Any(q => q.Length > KnowledgeEntry.QuestionMaxLength))
            yield return new ValidationFailure(field, $"Row {row.Number}: at most {KnowledgeEntry.MaxQuestions} questions of {KnowledgeEntry.QuestionMaxLength} characters.");
        if (string.IsNullOrWhiteSpace(row.Answer))
            yield return new ValidationFailure(field, $"Row {row.Number}: the answer column is empty.");
        else if (row.Answer.Length > KnowledgeEntry.AnswerMaxLength)
            yield return new ValidationFailure(field, $"Row {row.Number}: the answer is longer than {KnowledgeEntry.AnswerMaxLength} characters.");
    }
}

public sealed class ImportKnowledgeCommandValidator : AbstractValidator<ImportKnowledgeCommand>
{
    public const int MaxCsvLength = 2_000_000;

    public ImportKnowledgeCommandValidator() => RuleFor(c => c.Csv).NotEmpty().MaximumLength(MaxCsvLength);
}
