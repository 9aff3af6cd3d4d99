using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Channels.Common;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;
using VirtuOps.Domain.Tenants;
using VirtuOps.Infrastructure.Data;

namespace Channels.Load;

internal sealed record Connections(Guid Telegram, Guid WhatsApp);

/// <summary>One tenant with a bot connected to Telegram and to WhatsApp, straight through the DbContext.</summary>
internal static class Seeder
{
    public const string TelegramSecret = "bench-telegram-secret";
    public const string AppSecret = "bench-meta-app-secret";
    public const string PhoneNumberId = "106540352242922";

    public static async Task<Connections> SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
        var tenant = Tenant.Create("Bench shop");
        db.Tenants.Add(tenant);
        scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(tenant.Id);
        var bot = Bot.Create("Bench bot", "Salom!", "Operator javob beradi.", Guid.NewGuid().ToString("N"));
        db.Bots.Add(bot);
        await db.SaveChangesAsync(); // stamps the bot's tenant

        var now = DateTimeOffset.UtcNow;
        var telegram = ChannelConnection.Connect(bot, Channel.Telegram, "7000000001", "@bench_bot", null,
            id => protector.ProtectCredentials(new ChannelCredentials("7000000001:bench", WebhookSecret: TelegramSecret), id), now);
        var whatsApp = ChannelConnection.Connect(bot, Channel.WhatsApp, PhoneNumberId, "+998 71 200 00 00", "102290129340398",
            id => protector.ProtectCredentials(new ChannelCredentials("bench-token", AppSecret, VerifyToken: "bench"), id), now);
        db.ChannelConnections.AddRange(telegram, whatsApp);
        await db.SaveChangesAsync();
        return new Connections(telegram.Id, whatsApp.Id);
    }
}
