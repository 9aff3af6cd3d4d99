using Microsoft.EntityFrameworkCore;
using VirtuOps.Domain.Sms;

namespace Infrastructure.IntegrationTests.Data;

public sealed class SmsDeliveryPersistenceTests : IDisposable
{
    private static readonly DateTimeOffset ReportedAt = new(2026, 11, 27, 14, 5, 9, TimeSpan.FromHours(5));

    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_delivery_is_stored_with_the_masked_number_and_its_exact_status_time()
    {
        await using (var context = _database.CreateContext())
        {
            await context.Database.MigrateAsync();
            context.SmsDeliveries.Add(SmsDelivery.Record("4bd4b0fe-1c1a-4d6e-9d80-5f3c2f0d1a77", "998901234567", "DELIVRD", ReportedAt));
            await context.SaveChangesAsync();
        }

        await using var reader = _database.CreateContext();
        var stored = await reader.SmsDeliveries.SingleAsync(d => d.ProviderMessageId == "4bd4b0fe-1c1a-4d6e-9d80-5f3c2f0d1a77");
        stored.PhoneNumber.ShouldBe("****4567");
        stored.StatusAt.ShouldBe(ReportedAt);
    }

    [Fact]
    public async Task A_second_row_for_the_same_gateway_message_is_refused_by_the_database()
    {
        await using var context = _database.CreateContext();
        await context.Database.MigrateAsync();
        context.SmsDeliveries.Add(SmsDelivery.Record("msg-1", "998901234567", "TRANSMTD", ReportedAt));
        await context.SaveChangesAsync();

        context.SmsDeliveries.Add(SmsDelivery.Record("msg-1", "998901234567", "DELIVRD", ReportedAt.AddSeconds(3)));

        await Should.ThrowAsync<DbUpdateException>(() => context.SaveChangesAsync());
    }
}
