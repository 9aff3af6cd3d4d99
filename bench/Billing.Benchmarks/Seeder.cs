using Infrastructure.IntegrationTests.Paylov;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Consents;
using VirtuOps.Domain.Tenants;
using VirtuOps.Infrastructure.Data;
using VirtuOps.Infrastructure.Identity;

namespace Billing.Benchmarks;

internal sealed record SeedResult(DateTimeOffset SeededAt);

/// <summary>
/// Fills the database straight through the DbContext, in batches: per tenant an owner (for the receipt e-mail), an
/// Active subscription whose paid month ended yesterday, the owner's consent to recurring charges, and a card bound at
/// the fake (for the tenant's Paylov user) whose card id is encrypted with the app's <see cref="ISecretProtector"/>, as the checkout would leave it.
/// </summary>
internal static class Seeder
{
    private const int BatchSize = 1_000;

    public static async Task<SeedResult> SeedDueSubscriptionsAsync(IServiceProvider services, FakePaylovServer paylov, int count)
    {
        var now = DateTimeOffset.UtcNow;
        var started = now.AddMonths(-1).AddDays(-1); // a month paid from here ended a day ago: due now
        var secrets = services.GetRequiredService<ISecretProtector>();
        Guid ownerRoleId;
        await using (var scope = services.CreateAsyncScope())
            ownerRoleId = await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Roles
                .Where(r => r.Name == Roles.Owner).Select(r => r.Id).SingleAsync();

        for (var first = 0; first < count; first += BatchSize)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = first; i < Math.Min(first + BatchSize, count); i++)
            {
                var tenant = Tenant.Create($"Bench shop {i}");
                db.Tenants.Add(tenant);

                var email = $"owner{i}@bench.virtuops.uz";
                var owner = new ApplicationUser
                {
                    Id = Guid.CreateVersion7(),
                    TenantId = tenant.Id,
                    FullName = $"Bench Owner {i}",
                    UserName = email,
                    NormalizedUserName = email.ToUpperInvariant(),
                    Email = email,
                    NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true,
                    SecurityStamp = Guid.NewGuid().ToString("N"),
                    ConcurrencyStamp = Guid.NewGuid().ToString(),
                };
                db.Users.Add(owner);
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = owner.Id, RoleId = ownerRoleId });

                var subscription = Subscription.StartPaid("start", started);
                db.Subscriptions.Add(subscription);
                db.Entry(subscription).Property(s => s.TenantId).CurrentValue = tenant.Id;
                db.ConsentRecords.Add(ConsentRecord.Grant(owner.Id, tenant.Id, ConsentKind.RecurringCharges, "2026-04-12", started, null, null));

                var cardId = paylov.BindCard(PaylovUser.Of(tenant.Id));
                var card = PaymentMethod.Bind(id => secrets.Protect(cardId, id.ToString()), "860012******3456", "uzcard", "2907");
                db.PaymentMethods.Add(card);
                db.Entry(card).Property(c => c.TenantId).CurrentValue = tenant.Id;
            }

            await db.SaveChangesAsync();
        }

        return new SeedResult(now);
    }
}
