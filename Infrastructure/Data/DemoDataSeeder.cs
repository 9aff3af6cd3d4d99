using Bogus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using VirtuOps.Domain.DemoRequests;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Infrastructure.Data;

/// <summary>Fills an empty database with believable demo data. Running it again changes nothing.</summary>
public sealed class DemoDataSeeder(ApplicationDbContext context, ILogger<DemoDataSeeder> logger)
{
    public const string DemoTenantName = "VirtuOps Demo Do‘kon";
    public const int GeneratedTenantCount = 4;
    public const int GeneratedDemoRequestCount = 6;

    // A fixed seed gives every developer the same demo data.
    private const int RandomSeed = 2026;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await context.Tenants.AnyAsync(cancellationToken))
            return;

        var tenantNames = new Faker("ru") { Random = new Randomizer(RandomSeed) };
        context.Tenants.Add(Tenant.Create(DemoTenantName));
        for (var i = 0; i < GeneratedTenantCount; i++)
            context.Tenants.Add(Tenant.Create(tenantNames.Company.CompanyName()));

        var prospects = new Faker<DemoRequest>("en")
            .UseSeed(RandomSeed)
            .CustomInstantiator(f => DemoRequest.Submit(
                f.Name.FullName(),
                f.Internet.Email(),
                f.Company.CompanyName(),
                "+99890" + f.Random.ReplaceNumbers("#######"),
                f.Lorem.Sentence()));
        context.DemoRequests.AddRange(prospects.Generate(GeneratedDemoRequestCount));

        await context.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded {TenantCount} demo tenants and {DemoRequestCount} demo requests",
            GeneratedTenantCount + 1, GeneratedDemoRequestCount);
    }
}
