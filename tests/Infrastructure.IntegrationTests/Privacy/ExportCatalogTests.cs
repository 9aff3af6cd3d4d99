using Infrastructure.IntegrationTests.Data;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.Common;
using VirtuOps.Infrastructure.Data;
using VirtuOps.Infrastructure.Identity;
using VirtuOps.Infrastructure.Privacy;

namespace Infrastructure.IntegrationTests.Privacy;

/// <summary>The export cannot forget a table: every entity of the model is exported or excluded with a reason.</summary>
public sealed class ExportCatalogTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void Every_entity_of_the_model_including_the_identity_tables_is_exported_or_excluded_with_a_reason()
    {
        using var context = _database.CreateContext();

        ExportCatalog.Unclassified(context.Model).ShouldBeEmpty();
        context.Model.FindEntityType(typeof(ApplicationUser)).ShouldNotBeNull(); // the walk sees Identity's tables too
        ExportCatalog.Excluded.Values.ShouldAllBe(reason => reason.Length > 20);
        ExportCatalog.Files.Select(f => f.Name).ShouldBeUnique();
    }

    [Fact]
    public void Every_withheld_secret_names_a_property_of_its_entity_so_a_rename_cannot_let_it_into_the_export()
    {
        using var context = _database.CreateContext();

        foreach (var file in ExportCatalog.Files)
        {
            var properties = context.Model.FindEntityType(file.EntityType).ShouldNotBeNull().GetProperties().Select(p => p.Name).ToList();
            file.Withheld.ShouldAllBe(name => properties.Contains(name), $"{file.Name} withholds a property its entity does not have");
        }
    }

    [Fact]
    public void A_new_entity_that_is_neither_exported_nor_excluded_is_named_by_the_check()
    {
        using var context = new ContextWithANewEntity(_database.ConnectionString);

        ExportCatalog.Unclassified(context.Model).ShouldBe([nameof(CustomerNote)]);
    }

    /// <summary>What a later feature might add: a tenant's notes about a customer, which the export must then hold.</summary>
    private sealed class CustomerNote : TenantOwnedEntity
    {
        public string Text { get; set; } = string.Empty;
    }

    private sealed class ContextWithANewEntity(string connectionString)
        : ApplicationDbContext(new DbContextOptionsBuilder<ContextWithANewEntity>().UseSqlite(connectionString).Options, new CurrentTenant(NoCurrentUser.Instance))
    {
        protected override void OnModelCreating(ModelBuilder builder)
        {
            base.OnModelCreating(builder);
            builder.Entity<CustomerNote>();
        }
    }
}
