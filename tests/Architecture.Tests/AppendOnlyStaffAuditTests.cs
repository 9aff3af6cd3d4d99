using System.Reflection;
using System.Text.RegularExpressions;
using VirtuOps.Domain.StaffAudit;
using VirtuOps.Infrastructure.Privacy;

namespace Architecture.Tests;

/// <summary>
/// The staff audit log is append-only: the entity has no way to change an entry, no source line of the product removes,
/// updates or bulk-deletes one, and the erasure keeps the entries. (The database context refuses a save that would change
/// or delete one; a functional test shows that.)
/// </summary>
public sealed partial class AppendOnlyStaffAuditTests
{
    // A line that names the log or its entity and changes or deletes rows.
    [GeneratedRegex(@"StaffAudit(Log|Entry).*\b(Remove|RemoveRange|Update|UpdateRange|Attach|ExecuteDelete|ExecuteDeleteAsync|ExecuteUpdate|ExecuteUpdateAsync|Batched|AllAtOnce|TenantRows)\b"
        + @"|\b(Remove|RemoveRange|Update|UpdateRange|Attach|ExecuteDelete|ExecuteDeleteAsync|ExecuteUpdate|ExecuteUpdateAsync|Batched|AllAtOnce|TenantRows)\b.*StaffAudit(Log|Entry)")]
    private static partial Regex ChangesTheLog();

    public static IEnumerable<string> Violations(IEnumerable<(string File, string Text)> sources) =>
        from source in sources
        from line in source.Text.Split('\n').Select((text, index) => (Text: text, Number: index + 1))
        where ChangesTheLog().IsMatch(line.Text)
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
    public void No_product_code_changes_or_deletes_a_staff_audit_entry()
    {
        var sources = ProductSources().ToList();

        sources.ShouldContain(s => s.Text.Contains("StaffAuditLog.Add(", StringComparison.Ordinal), "the scan reads the code that writes the log");
        Violations(sources).ShouldBeEmpty();
    }

    [Fact]
    public void The_scan_catches_a_deliberate_delete_or_update()
    {
        Violations([("Bad.cs", "await db.StaffAuditLog.Where(e => e.Id < 10).ExecuteDeleteAsync(ct);\nok();\ndb.StaffAuditLog.Remove(entry);")])
            .Count().ShouldBe(2);
    }

    [Fact]
    public void An_entry_has_no_setter_or_method_that_changes_it_once_recorded()
    {
        var type = typeof(StaffAuditEntry);

        type.GetProperties().Where(p => p.SetMethod?.IsPublic == true || p.SetMethod?.IsAssembly == true).ShouldBeEmpty();
        type.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName).ShouldBeEmpty();
    }

    [Fact]
    public void Erasure_keeps_the_entries()
    {
        ErasureCatalog.Rules.Single(r => r.EntityType == typeof(StaffAuditEntry)).Treatment.ShouldBe(ErasureTreatment.KeepAnonymised);
    }
}
