using VirtuOps.Application.Common.Csv;

namespace VirtuOps.Application.Knowledge.Common;

/// <summary>
/// The CSV form of a bot's knowledge: a header row, then <c>questions,answer</c> per entry, question variants
/// separated by <c>|</c> (see <see cref="SpreadsheetCsv"/> for the file format and formula cells).
/// </summary>
public static class KnowledgeCsv
{
    public const char VariantSeparator = '|';
    public const int MaxRows = 5000;

    public sealed record Row(int Number, IReadOnlyList<string> Questions, string Answer);

    public static IReadOnlyList<Row> Read(string csv) =>
        SpreadsheetCsv.Read(csv)
            .Select(row => new Row(row.Number, row[0].Split(VariantSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), row[1]))
            .ToList();

    public static string Write(IEnumerable<(IReadOnlyList<string> Questions, string Answer)> entries) =>
        SpreadsheetCsv.Write(["questions", "answer"], entries.Select(e => (IReadOnlyList<string>)[string.Join($" {VariantSeparator} ", e.Questions), e.Answer]));
}
