using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using VirtuOps.Infrastructure.Data;
using VirtuOps.Infrastructure.Identity;

namespace Infrastructure.IntegrationTests.Data;

public sealed class MigrationTests
{
    private static SqlServerApplicationDbContext CreateSqlServerContext() =>
        // Building the model and scripting migrations needs no server, so no connection is ever opened.
        new(new DbContextOptionsBuilder<SqlServerApplicationDbContext>().UseSqlServer("Server=(unused);Database=VirtuOps").Options, new CurrentTenant(NoCurrentUser.Instance));

    [Fact]
    public void The_sqlite_model_has_no_changes_missing_a_migration()
    {
        using var database = new SqliteTestDatabase();
        using var context = database.CreateContext();

        context.Database.HasPendingModelChanges().ShouldBeFalse(
            "Add a migration: dotnet ef migrations add <Name> --context SqliteApplicationDbContext --output-dir Data/Migrations/Sqlite --project Infrastructure --startup-project WebApi");
    }

    [Fact]
    public void The_sql_server_model_has_no_changes_missing_a_migration()
    {
        using var context = CreateSqlServerContext();

        context.Database.HasPendingModelChanges().ShouldBeFalse(
            "Add a migration: dotnet ef migrations add <Name> --context SqlServerApplicationDbContext --output-dir Data/Migrations/SqlServer --project Infrastructure --startup-project WebApi");
    }

    [Fact]
    public void The_sql_server_idempotent_migration_script_is_valid_T_SQL()
    {
        using var context = CreateSqlServerContext();
        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(script), out var errors);

        script.ShouldContain("CREATE TABLE [Tenants]");
        errors.Select(e => $"line {e.Line}: {e.Message}").ShouldBeEmpty();
    }

    [Fact]
    public async Task Sqlite_migrations_create_every_table_on_an_empty_file_and_can_run_again()
    {
        using var database = new SqliteTestDatabase();
        await using var context = database.CreateContext();

        await context.Database.MigrateAsync();
        await context.Database.MigrateAsync();

        (await context.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await context.Tenants.CountAsync()).ShouldBe(0);
        (await context.DemoRequests.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Accounts_that_signed_in_before_sign_ups_needed_confirming_keep_signing_in_and_invitations_stay_pending()
    {
        using var database = new SqliteTestDatabase();
        await using var context = database.CreateContext();
        var migrator = context.GetService<IMigrator>();
        await migrator.MigrateAsync("SignInAttemptCounts");
        var owner = new ApplicationUser { Id = Guid.NewGuid(), UserName = "owner@example.uz", Email = "owner@example.uz", PasswordHash = "hash", FullName = "Owner" };
        var invited = new ApplicationUser { Id = Guid.NewGuid(), UserName = "agent@example.uz", Email = "agent@example.uz", FullName = "Invited agent" };
        context.Users.AddRange(owner, invited);
        await context.SaveChangesAsync();

        await migrator.MigrateAsync();

        var confirmed = await context.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.EmailConfirmed);
        confirmed[owner.Id].ShouldBeTrue();
        confirmed[invited.Id].ShouldBeFalse();
    }
}
