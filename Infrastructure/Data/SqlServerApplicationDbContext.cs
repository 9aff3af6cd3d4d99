using Microsoft.EntityFrameworkCore;

namespace VirtuOps.Infrastructure.Data;

/// <summary>The production database; migrations in <c>Data/Migrations/SqlServer</c>.</summary>
public sealed class SqlServerApplicationDbContext(DbContextOptions<SqlServerApplicationDbContext> options) : ApplicationDbContext(options);
