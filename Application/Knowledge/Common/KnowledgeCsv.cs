using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace VirtuOps.Application.Knowledge.Common;

/// <summary>
/// The CSV form of a bot's knowledge: a header row, then <c>questions,answer</c> per entry, question variants
/// separated by <c>|</c>. UTF-8, comma-separated, quoted as needed (Excel and Google Sheets both read and write it).
/// </summary>
public static class KnowledgeCsv
{
    public const char VariantSeparator = '|';
    public const int MaxRows = 5000;

    public sealed record Row(int Number, IReadOnlyList<string> Questions, string Answer);

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = true,
        DetectDelimiter = true, // a ';' export from a Russian-locale Excel reads too
        MissingFieldFound = null,
        BadDataFound = null,
        TrimOptions = TrimOptions.Trim,
    };

    public static IReadOnlyList<Row> Read(string csv)
    {
        using var reader = new CsvReader(new StringReader(csv), Configuration);
        var rows = new List<Row>();
        reader.Read();
        reader.ReadHeader();
        while (reader.Read())
        {
            var questions = (reader.GetField(0) ?? string.Empty)
                .Split(VariantSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            // Data rows are numbered as a spreadsheet shows them: the header is row 1.
            rows.Add(new Row(reader.Parser.Row, questions, reader.GetField(1) ?? string.Empty));
        }

        return rows;
    }

    public static string Write(IEnumerable<(IReadOnlyList<string> Questions, string Answer)> entries)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            writer.WriteField("questions");
            writer.WriteField("answer");
            writer.NextRecord();
            foreach (var (questions, answer) in entries)
            {
                writer.WriteField(string.Join($" {VariantSeparator} ", questions));
                writer.WriteField(answer);
                writer.NextRecord();
            }
        }

        return text.ToString();
    }
}
