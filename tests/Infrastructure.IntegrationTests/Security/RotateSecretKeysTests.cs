using System.Security.Cryptography;
using Infrastructure.IntegrationTests.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Billing.Commands.RotateSecretKeys;
using VirtuOps.Application.Channels.Common;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;
using VirtuOps.Domain.Tenants;
using VirtuOps.Infrastructure.Data.Interceptors;
using VirtuOps.Infrastructure.Identity;
using VirtuOps.Infrastructure.Security;

namespace Infrastructure.IntegrationTests.Security;

public sealed class RotateSecretKeysTests : IDisposable
{
    private static readonly byte[] OldKey = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] NewKey = RandomNumberGenerator.GetBytes(32);

    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private static AesGcmSecretProtector Protector(string current, params (string Id, byte[] Key)[] keys)
    {
        var options = new SecretProtectionOptions { CurrentKeyId = current };
        foreach (var (id, key) in keys)
            options.Keys[id] = Convert.ToBase64String(key);
        return new AesGcmSecretProtector(Options.Create(options));
    }

    [Fact]
    public async Task Rotation_re_encrypts_every_card_token_under_the_current_key_so_the_old_key_can_be_retired()
    {
        var before = Protector("old", ("old", OldKey));
        await using (var context = _database.CreateContext())
        {
            await context.Database.MigrateAsync();
            var tenant = Tenant.Create("Rotation shop");
            context.Tenants.Add(tenant);
            await context.SaveChangesAsync();
        }

        List<Guid> ids;
        var owner = NoCurrentUserFor.Tenant(await TenantIdAsync());
        await using (var context = _database.CreateContext(owner, new TenantStampInterceptor(new CurrentTenant(owner))))
        {
            for (var i = 0; i < 3; i++)
                context.PaymentMethods.Add(PaymentMethod.Bind(id => before.Protect($"card-token-{i}", id.ToString()), "860000******0007", "UzCard", "3907"));
            await context.SaveChangesAsync();
            ids = await context.PaymentMethods.Select(p => p.Id).ToListAsync();
        }

        var during = Protector("new", ("old", OldKey), ("new", NewKey));
        await using (var context = _database.CreateContext())
        {
            var rotated = await new RotateSecretKeysCommandHandler(context, during).Handle(new RotateSecretKeysCommand(), CancellationToken.None);
            rotated.ShouldBe(3);
        }

        var after = Protector("new", ("new", NewKey)); // the old key retired
        await using var reader = _database.CreateContext();
        var cards = await reader.PaymentMethods.IgnoreQueryFilters().ToListAsync();
        cards.Select(c => after.Unprotect(c.EncryptedToken, c.Id.ToString())).ShouldBe(["card-token-0", "card-token-1", "card-token-2"], ignoreOrder: true);
        cards.ShouldAllBe(c => !after.NeedsRotation(c.EncryptedToken));
    }

    [Fact]
    public async Task Rotation_re_encrypts_live_channel_credentials_and_skips_disconnected_ones()
    {
        var before = Protector("old", ("old", OldKey));
        await using (var context = _database.CreateContext())
        {
            await context.Database.MigrateAsync();
            context.Tenants.Add(Tenant.Create("Rotation shop"));
            await context.SaveChangesAsync();
        }

        var owner = NoCurrentUserFor.Tenant(await TenantIdAsync());
        await using (var context = _database.CreateContext(owner, new TenantStampInterceptor(new CurrentTenant(owner))))
        {
            var bot = Bot.Create("Rotation bot", "Salom", "Kechirasiz", "wk_rotation");
            context.Bots.Add(bot);
            await context.SaveChangesAsync();
            var credentials = new ChannelCredentials("7000000009:AAHrotationTokenForTests_0123456789", WebhookSecret: "rotation-secret");
            var live = ChannelConnection.Connect(bot, Channel.Telegram, "7000000009", "@rotation_bot", null,
                id => before.ProtectCredentials(credentials, id), DateTimeOffset.UtcNow);
            var gone = ChannelConnection.Connect(bot, Channel.WhatsApp, "106540352240009", "+998 71 000 00 09", "102290129340009",
                id => before.ProtectCredentials(credentials, id), DateTimeOffset.UtcNow);
            gone.Disconnect(DateTimeOffset.UtcNow);
            context.ChannelConnections.AddRange(live, gone);
            await context.SaveChangesAsync();
        }

        var during = Protector("new", ("old", OldKey), ("new", NewKey));
        await using (var context = _database.CreateContext())
            (await new RotateSecretKeysCommandHandler(context, during).Handle(new RotateSecretKeysCommand(), CancellationToken.None)).ShouldBe(1);

        var after = Protector("new", ("new", NewKey)); // the old key retired
        await using var reader = _database.CreateContext();
        var connection = await reader.ChannelConnections.IgnoreQueryFilters().SingleAsync(c => c.DisconnectedAt == null);
        after.UnprotectCredentials(connection).ShouldBe(new ChannelCredentials("7000000009:AAHrotationTokenForTests_0123456789", WebhookSecret: "rotation-secret"));
    }

    private async Task<Guid> TenantIdAsync()
    {
        await using var context = _database.CreateContext();
        return await context.Tenants.Select(t => t.Id).SingleAsync();
    }

    private sealed class NoCurrentUserFor(Guid tenantId) : VirtuOps.Application.Common.Interfaces.ICurrentUser
    {
        public static NoCurrentUserFor Tenant(Guid tenantId) => new(tenantId);

        public string? Id => null;

        public Guid? UserId => null;

        public Guid? TenantId => tenantId;

        public Guid? SessionId => null;

        public bool IsAuthenticated => true;

        public bool IsInRole(string role) => false;
    }
}
