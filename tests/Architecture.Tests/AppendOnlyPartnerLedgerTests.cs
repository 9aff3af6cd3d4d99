using System.Reflection;
using System.Text.RegularExpressions;
using VirtuOps.Domain.Partners;
using VirtuOps.Infrastructure.Privacy;

namespace Architecture.Tests;

/// <summary>
/// The partner ledger is append-only: the entry has no way to change once written, and no source line of the product
/// removes, updates or bulk-deletes one, so the balance stays the sum of what happened. (The database context refuses a
/// save that would change or delete one; PartnerProgrammeTests shows that.)
/// </summary>
public sealed partial class AppendOnlyPartnerLedgerTests
{
    [GeneratedRegex(@"PartnerLedger(Entry)?\b.*\b(Remove|RemoveRange|Update|UpdateRange|Attach|ExecuteDelete|ExecuteDeleteAsync|ExecuteUpdate|ExecuteUpdateAsync|Batched|AllAtOnce|TenantRows)\b"
        + @"|\b(Remove|RemoveRange|Update|UpdateRange|Attach|ExecuteDelete|ExecuteDeleteAsync|ExecuteUpdate|ExecuteUpdateAsync|Batched|AllAtOnce|TenantRows)\b.*PartnerLedger(Entry)?\b")]
    private static partial Regex ChangesTheLedger();

    private static IEnumerable<string> Violations(IEnumerable<(string File, string Text)> sources) =>
        from source in sources
        from line in source.Text.Split('\n').Select((text, index) => (Text: text, Number: index + 1))
        where ChangesTheLedger().IsMatch(line.Text)
        select $"{source.File}:{line.Number}: {line.Text.Trim()}";

    private static IEnumerable<(string File, string Text)> ProductSources()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CleanArch.sln")))
            root = root.Parent;
        root.ShouldNotBeNull("the tests run inside the repository");
        var separator = Path.DirectorySeparatorChar;
        return new[] { "Domain", "Application", "Infrastructure", "WebApi" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(root.FullName, project), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{separator}obj{separator}") && !file.Contains($"{separator}bin{separator}") && !file.Contains($"{separator}Migrations{separator}"))
            .Select(file => (Path.GetRelativePath(root.FullName, file), File.ReadAllText(file)));
    }

    [Fact]
    public void No_product_code_changes_or_deletes_a_partner_ledger_entry()
    {
        var sources = ProductSources().ToList();

        sources.ShouldContain(s => s.Text.Contains("PartnerLedger.Add", StringComparison.Ordinal), "the scan reads the code that writes the ledger");
        Violations(sources).ShouldBeEmpty();
    }

    [Fact]
    public void The_scan_catches_a_deliberate_delete_or_update()
    {
        Violations([("Bad.cs", "await db.PartnerLedger.Where(e => e.AmountTiyin < 0).ExecuteDeleteAsync(ct);\nok();\ndb.PartnerLedger.Update(entry);")])
            .Count().ShouldBe(2);
    }

    [Fact]
    public void An_entry_has_no_setter_or_method_that_changes_it_once_written()
    {
        var type = typeof(PartnerLedgerEntry);

        type.GetProperties().Where(p => p.SetMethod?.IsPublic == true || p.SetMethod?.IsAssembly == true).ShouldBeEmpty();
        type.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName).ShouldBeEmpty();
    }

    [Fact]
    public void Erasure_keeps_the_entries()
    {
        ErasureCatalog.Rules.Single(r => r.EntityType == typeof(PartnerLedgerEntry)).Treatment.ShouldBe(ErasureTreatment.KeepAnonymised);
    }
}
