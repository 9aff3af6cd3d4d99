using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace VirtuOps.Application.Common.Csv;

/// <summary>
/// CSV files that people open in Excel or Google Sheets: UTF-8, comma-separated, quoted as needed, a header row. A cell
/// that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return would run there as a formula
/// (CSV injection: links that leak the sheet, commands), so <see cref="Write"/> puts an apostrophe, the spreadsheets'
/// own "this is text" mark, in front of it, and <see cref="Read"/> takes that apostrophe off again: every cell is text
/// both ways, and an exported file imports unchanged. Every CSV the app writes or reads goes through here.
/// </summary>
public static class SpreadsheetCsv
{
    private const char TextMark = '\'';
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>A data row: its number as a spreadsheet shows it (the header is row 1) and its cells, trimmed.</summary>
    public sealed record Row(int Number, IReadOnlyList<string> Cells)
    {
        /// <summary>The cell in that column, or empty when the row is shorter.</summary>
        public string this[int column] => column < Cells.Count ? Cells[column] : string.Empty;
    }

    private static readonly CsvConfiguration ReadConfiguration = new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = true,
        DetectDelimiter = true, // a ';' export from a Russian-locale Excel reads too
        MissingFieldFound = null,
        BadDataFound = null,
        TrimOptions = TrimOptions.Trim,
    };

    /// <summary>The rows under the header. Throws <see cref="CsvHelperException"/> when the text is not CSV.</summary>
    public static IReadOnlyList<Row> Read(string csv)
    {
        using var reader = new CsvReader(new StringReader(csv), ReadConfiguration);
        var rows = new List<Row>();
        reader.Read();
        reader.ReadHeader();
        while (reader.Read())
            rows.Add(new Row(reader.Parser.Row, reader.Parser.Record?.Select(FromCell).ToList() ?? []));
        return rows;
    }

    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var row in rows.Prepend(header))
            {
                foreach (var value in row)
                    writer.WriteField(ToCell(value));
                writer.NextRecord();
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The value as a cell a spreadsheet shows as text. A value that already starts with apostrophes before a formula
    /// character gets one more too, so that <see cref="FromCell"/> gives back exactly the value.
    /// </summary>
    public static string ToCell(string value) => LooksLikeFormula(value) ? TextMark + value : value;

    /// <summary>The value of a cell written by <see cref="ToCell"/>, or of a cell typed as text with a leading apostrophe.</summary>
    public static string FromCell(string cell) =>
        cell.StartsWith(TextMark) && LooksLikeFormula(cell) ? cell[1..] : cell;

    private static bool LooksLikeFormula(string value)
    {
        var afterMarks = value.AsSpan().TrimStart(TextMark);
        return afterMarks.Length > 0 && FormulaStarts.Contains(afterMarks[0]);
    }
}
