using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Common.Interfaces;

namespace VirtuOps.Infrastructure.Data;

/// <summary>The production database; migrations in <c>Data/Migrations/SqlServer</c>.</summary>
public sealed class SqlServerApplicationDbContext(DbContextOptions<SqlServerApplicationDbContext> options, ICurrentTenant currentTenant)
    : ApplicationDbContext(options, currentTenant);
