using System.ComponentModel.DataAnnotations;

namespace VirtuOps.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite, a relative <c>Data Source</c> is resolved against the content root.</summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=data/virtuops.db";

    /// <summary>Fill an empty database with demo tenants and data (Development only).</summary>
    public bool SeedDemoData { get; set; }
}
