using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.DemoRequests;
using VirtuOps.Domain.Tenants;
using VirtuOps.Infrastructure.Identity;

namespace VirtuOps.Infrastructure.Data;

/// <summary>Fills an empty database with believable demo data. Running it again changes nothing.</summary>
public sealed class DemoDataSeeder(ApplicationDbContext context, UserManager<ApplicationUser> users, ILogger<DemoDataSeeder> logger)
{
    public const string DemoTenantName = "VirtuOps Demo Do‘kon";

    // Development-only accounts, listed in the README. The platform admin always signs in with an SMS code.
    public const string DemoOwnerEmail = "demo@virtuops.uz";
    public const string DemoAdminEmail = "admin@virtuops.uz";
    public const string DemoPassword = "Demo-parol-2026";
    public const int GeneratedTenantCount = 4;
    public const int GeneratedDemoRequestCount = 6;

    // A fixed seed gives every developer the same demo data.
    private const int RandomSeed = 2026;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await context.Tenants.AnyAsync(cancellationToken))
            return;

        var tenantNames = new Faker("ru") { Random = new Randomizer(RandomSeed) };
        var demoTenant = Tenant.Create(DemoTenantName);
        context.Tenants.Add(demoTenant);
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

        await CreateUserAsync(demoTenant.Id, "Dilshod Rahimov", DemoOwnerEmail, "+998901234567", Roles.Owner, twoFactor: false);
        await CreateUserAsync(tenantId: null, "Platform Admin", DemoAdminEmail, "+998901112233", Roles.Admin, twoFactor: true);
        logger.LogInformation("Seeded {TenantCount} demo tenants and {DemoRequestCount} demo requests",
            GeneratedTenantCount + 1, GeneratedDemoRequestCount);
    }

    private async Task CreateUserAsync(Guid? tenantId, string fullName, string email, string phoneNumber, string role, bool twoFactor)
    {
        var user = new ApplicationUser
        {
            TenantId = tenantId,
            FullName = fullName,
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            PhoneNumber = phoneNumber,
            PhoneNumberConfirmed = true,
            TwoFactorEnabled = twoFactor,
        };
        var created = await users.CreateAsync(user, DemoPassword);
        if (created.Succeeded)
            created = await users.AddToRoleAsync(user, role);
        if (!created.Succeeded)
            throw new InvalidOperationException($"Seeding {email} failed: {string.Join("; ", created.Errors.Select(e => e.Description))}");
    }
}
