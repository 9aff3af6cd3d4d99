using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Application.FunctionalTests.Billing;
using Application.FunctionalTests.Bots;
using Application.FunctionalTests.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.ApiKeys.Commands.CreateApiKey;
using VirtuOps.Application.Bots.Common;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Application.Erasure.Commands.RequestErasure;
using VirtuOps.Domain.Conversations;
using VirtuOps.Domain.Privacy;
using VirtuOps.Domain.PrivacyRequests;
using VirtuOps.Domain.Tenants;
using VirtuOps.Infrastructure.Data;

namespace Application.FunctionalTests.Privacy;

/// <summary>
/// The right to erasure: asked for with the password, effective at once (signed out, no sign-in, keys revoked, bots
/// silent), cancellable during the grace period, then purged so that not a byte of the person is left in the file.
/// </summary>
public sealed class ErasureTests(ErasureApiFactory factory) : IClassFixture<ErasureApiFactory>
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromDays(7);

    private Task<Owner> OwnerAsync(string email, string phone) => ErasureSteps.OwnerAsync(factory, email, phone);

    private static Task<HttpResponseMessage> RequestErasureAsync(SpaClient client, string password) =>
        client.Http.PostAsJsonAsync("/api/privacy/erasure", new { password });

    private static Task<ErasureScheduledDto> ErasedAsync(SpaClient client, string password) => ErasureSteps.ErasedAsync(client, password);

    private static Task<HttpResponseMessage> CancelAsync(SpaClient client, string email, string password) =>
        client.Http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/privacy/erasure") { Content = JsonContent.Create(new { email, password }) });

    private Task<List<ErasureRequest>> ErasureRequestsAsync(Guid tenantId) =>
        factory.QueryDatabaseAsync(db => db.ErasureRequests.Where(r => r.TenantId == tenantId).ToListAsync());

    private Task<bool> TenantHasAsync<T>(Func<ApplicationDbContext, IQueryable<T>> rows) => factory.QueryDatabaseAsync(db => rows(db).AnyAsync());

    [Fact]
    public async Task A_wrong_password_is_a_field_error_and_schedules_nothing()
    {
        var owner = await OwnerAsync("erase-wrong@example.uz", "+998901100001");

        var response = await RequestErasureAsync(owner.Client, "Notogri-parol-2026");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["errors"]!["password"].ShouldNotBeNull();
        (await ErasureRequestsAsync(owner.TenantId)).ShouldBeEmpty();
        (await owner.Client.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_owners_erasure_signs_the_whole_team_out_refuses_their_sign_in_revokes_the_api_keys_and_silences_the_bots()
    {
        var owner = await OwnerAsync("erase-owner@example.uz", "+998901100002");
        using var agent = await ChannelTestData.InviteAgentAsync(factory, owner.Client, "erase-agent@example.uz");
        var key = await (await owner.Client.Http.PostAsJsonAsync("/api/api-keys", new { name = "CRM", scopes = new[] { "Read" } }))
            .Content.ReadFromJsonAsync<CreatedApiKeyDto>(SpaClient.Json);
        using var integrator = factory.CreateClient();
        integrator.DefaultRequestHeaders.Add("X-Api-Key", key!.Key);
        (await integrator.GetAsync("/api/tenant")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var connectionId = await ChannelTestData.ConnectAsync(factory, owner.Bot.Id, Channel.Telegram);

        var scheduled = await ErasedAsync(owner.Client, SpaClient.StrongPassword);

        scheduled.Scope.ShouldBe(ErasureScope.Tenant);
        scheduled.PurgeAfter.ShouldBe(factory.Time.GetUtcNow() + GracePeriod);
        (await owner.Client.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await agent.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await integrator.GetAsync("/api/tenant")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await owner.Client.SignInAsync(owner.Email, SpaClient.StrongPassword)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        using (var agentsNewBrowser = new SpaClient(factory))
            (await agentsNewBrowser.SignInAsync("erase-agent@example.uz", "Agent-parol-2026")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await owner.Client.LatestMessageToAsync(owner.Email)).Body.ShouldContain(scheduled.PurgeAfter.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        // A customer who asks what the bot knows gets no answer from it.
        (await factory.PostTelegramAsync(connectionId, ChannelTestData.TelegramText(1, 5001, BotTestData.Knowledge[1].Questions[0]), ChannelTestData.TelegramSecret))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        await factory.ProcessInboxAsync();
        (await factory.MessagesOfAsync(owner.Bot.Id, Channel.Telegram)).ShouldNotContain(m => m.Text == BotTestData.Knowledge[1].Answer);
    }

    [Fact]
    public async Task The_owner_cancels_during_the_grace_period_with_e_mail_and_password_and_then_nothing_is_purged()
    {
        var owner = await OwnerAsync("erase-cancel@example.uz", "+998901100003");
        using var agent = await ChannelTestData.InviteAgentAsync(factory, owner.Client, "erase-cancel-agent@example.uz");
        await ErasedAsync(owner.Client, SpaClient.StrongPassword);
        using var signedOut = new SpaClient(factory);

        (await CancelAsync(signedOut, owner.Email, "Notogri-parol-2026")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CancelAsync(signedOut, "erase-cancel-agent@example.uz", "Agent-parol-2026")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        factory.Time.Advance(GracePeriod - TimeSpan.FromMinutes(1));
        (await CancelAsync(signedOut, owner.Email, SpaClient.StrongPassword)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await signedOut.SignInAsync(owner.Email, SpaClient.StrongPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await signedOut.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await CancelAsync(signedOut, owner.Email, SpaClient.StrongPassword)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        factory.Time.Advance(TimeSpan.FromDays(1));
        await factory.RunErasurePurgeJobAsync();
        (await TenantHasAsync(db => db.Bots.IgnoreQueryFilters().Where(b => b.TenantId == owner.TenantId))).ShouldBeTrue();
        (await ErasureRequestsAsync(owner.TenantId)).ShouldHaveSingleItem().CancelledAt.ShouldNotBeNull();
        (await factory.QueryDatabaseAsync(db => db.PrivacyRequests.SingleAsync(r => r.UserId == owner.UserId && r.Kind == PrivacyRequestKind.Erasure)))
            .Status.ShouldBe(PrivacyRequestStatus.Answered);
    }

    [Fact]
    public async Task After_the_grace_period_the_erasure_can_no_longer_be_cancelled()
    {
        var owner = await OwnerAsync("erase-late@example.uz", "+998901100004");
        await ErasedAsync(owner.Client, SpaClient.StrongPassword);
        factory.Time.Advance(GracePeriod);

        using var signedOut = new SpaClient(factory);
        (await CancelAsync(signedOut, owner.Email, SpaClient.StrongPassword)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_agents_erasure_takes_only_their_account_and_the_tenant_works_on()
    {
        var owner = await OwnerAsync("erase-team@example.uz", "+998901100005");
        using var agent = await ChannelTestData.InviteAgentAsync(factory, owner.Client, "erase-me-agent@example.uz");
        var agentId = await factory.QueryDatabaseAsync(db => db.Users.Where(u => u.Email == "erase-me-agent@example.uz").Select(u => u.Id).SingleAsync());

        var scheduled = await ErasedAsync(agent, "Agent-parol-2026");

        scheduled.Scope.ShouldBe(ErasureScope.Account);
        (await agent.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await owner.Client.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        factory.Time.Advance(GracePeriod);
        await factory.RunErasurePurgeJobAsync();

        (await TenantHasAsync(db => db.Users.Where(u => u.Id == agentId))).ShouldBeFalse();
        (await TenantHasAsync(db => db.UserSessions.Where(s => s.UserId == agentId))).ShouldBeFalse();
        (await TenantHasAsync(db => db.AccessLogs.Where(e => e.UserId == agentId))).ShouldBeFalse();
        (await TenantHasAsync(db => db.Bots.IgnoreQueryFilters().Where(b => b.TenantId == owner.TenantId))).ShouldBeTrue();
        (await owner.Client.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await owner.Client.LatestMessageToAsync("erase-me-agent@example.uz")).Subject.ShouldNotBeNull().ShouldContain("Your data has been erased");
    }

    [Fact]
    public async Task The_purge_tells_third_parties_confirms_by_e_mail_and_leaves_no_byte_of_the_person_in_the_database_files()
    {
        const string email = "gulnora.secret-owner@example.uz";
        const string phone = "+998901177443";
        const string name = "Gulnora Yashirinova";
        const string answer = "Omborimiz Chilonzor 7-mavze 41-uyda joylashgan";
        const string messageText = "Buyurtmam 88271 qachon keladi, Qatortol ko'chasi";
        var owner = await OwnerAsync(email, phone);
        (await owner.Client.Http.PutAsJsonAsync("/api/account/profile", new { fullName = name })).EnsureSuccessStatusCode();
        (await owner.Client.Http.PostAsJsonAsync($"/api/bots/{owner.Bot.Id}/knowledge", new { questions = new[] { "Ombor qayerda?" }, answer }))
            .EnsureSuccessStatusCode();
        await BillingTestSteps.SubscribeAsync(factory, owner.Client);
        var connectionId = await ChannelTestData.ConnectAsync(factory, owner.Bot.Id, Channel.Telegram);
        (await factory.PostTelegramAsync(connectionId, ChannelTestData.TelegramText(77, 7001, messageText), ChannelTestData.TelegramSecret))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        await factory.ProcessInboxAsync();
        string[] personal = [email, phone, name, answer, messageText];
        // The scan can see them: otherwise its silence after the purge would prove nothing.
        DatabaseFileScan.Find(factory.DatabasePath, personal).ShouldBe(personal, ignoreOrder: true);

        await ErasedAsync(owner.Client, SpaClient.StrongPassword);
        factory.Time.Advance(GracePeriod);
        await factory.RunErasurePurgeJobAsync();

        DatabaseFileScan.Find(factory.DatabasePath, personal).ShouldBeEmpty();
        factory.RemovedCards.ShouldHaveSingleItem();
        factory.Telegram.RequestsFor("deleteWebhook").ShouldContain(r => r.Token.StartsWith(ChannelTestData.TelegramBotId, StringComparison.Ordinal));
        var confirmation = await owner.Client.LatestMessageToAsync(email);
        confirmation.Subject.ShouldNotBeNull().ShouldContain("Your data has been erased");
        // The fiscal records stay, pointing at a tenant without a name.
        (await TenantHasAsync(db => db.Charges.IgnoreQueryFilters().Where(c => c.TenantId == owner.TenantId))).ShouldBeTrue();
        (await factory.QueryDatabaseAsync(db => db.Tenants.SingleAsync(t => t.Id == owner.TenantId))).Name.ShouldBe(Tenant.ErasedName);
        (await TenantHasAsync(db => db.Users.Where(u => u.TenantId == owner.TenantId))).ShouldBeFalse();
        (await ErasureRequestsAsync(owner.TenantId)).ShouldHaveSingleItem().CompletedAt.ShouldNotBeNull();
        // The request stays as the record that it was answered, without the requester's address or words.
        var recorded = await factory.QueryDatabaseAsync(db => db.PrivacyRequests.SingleAsync(r => r.UserId == owner.UserId && r.Kind == PrivacyRequestKind.Erasure));
        recorded.Status.ShouldBe(PrivacyRequestStatus.Answered);
        recorded.Email.ShouldBeNull();
        recorded.Text.ShouldBeNull();
    }
}

internal sealed record Owner(SpaClient Client, string Email, string Phone, Guid TenantId, Guid UserId, BotDto Bot);

internal static class ErasureSteps
{
    public static async Task<Owner> OwnerAsync(VirtuOpsApiFactory factory, string email, string phone)
    {
        var client = new SpaClient(factory);
        await client.RegisterVerifiedOwnerAsync(email, phone);
        var bot = await BotTestData.CreateBotAsync(client);
        var user = await factory.QueryDatabaseAsync(db => db.Users.SingleAsync(u => u.Email == email));
        return new Owner(client, email, phone, user.TenantId!.Value, user.Id, bot);
    }

    public static async Task<ErasureScheduledDto> ErasedAsync(SpaClient client, string password)
    {
        var response = await client.Http.PostAsJsonAsync("/api/privacy/erasure", new { password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ErasureScheduledDto>(SpaClient.Json))!;
    }
}

/// <summary>A purge that crashes half-way, on an app of its own so that no other erasure shares its runs.</summary>
public sealed class ErasureRestartTests(ErasureApiFactory factory) : IClassFixture<ErasureApiFactory>
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromDays(7);

    private Task<bool> TenantHasAsync<T>(Func<ApplicationDbContext, IQueryable<T>> rows) => factory.QueryDatabaseAsync(db => rows(db).AnyAsync());

    [Fact]
    public async Task A_purge_cut_short_half_way_finishes_on_the_next_run_without_telling_anyone_twice()
    {
        var owner = await ErasureSteps.OwnerAsync(factory, "erase-crash@example.uz", "+998901100006");
        await BillingTestSteps.SubscribeAsync(factory, owner.Client);
        var contacts = await SeedConversationsAsync(owner.TenantId, owner.Bot.Id, messages: 1_200);
        await ErasureSteps.ErasedAsync(owner.Client, SpaClient.StrongPassword);
        factory.Time.Advance(GracePeriod);
        var cardsRemovedBefore = factory.RemovedCards.Count;
        var mailsBefore = await owner.Client.MessageCountToAsync(owner.Email);

        factory.FailWriterTurn = 2;
        await Should.ThrowAsync<Exception>(factory.RunErasurePurgeJobAsync);
        (await TenantHasAsync(db => db.Messages.IgnoreQueryFilters().Where(m => m.TenantId == owner.TenantId))).ShouldBeTrue();

        (await factory.RunErasurePurgeJobAsync()).ShouldBe(1);

        (await TenantHasAsync(db => db.Messages.IgnoreQueryFilters().Where(m => m.TenantId == owner.TenantId))).ShouldBeFalse();
        (await TenantHasAsync(db => db.Contacts.IgnoreQueryFilters().Where(c => contacts.Contains(c.Id)))).ShouldBeFalse();
        (await TenantHasAsync(db => db.Users.Where(u => u.TenantId == owner.TenantId))).ShouldBeFalse();
        (factory.RemovedCards.Count - cardsRemovedBefore).ShouldBe(1);
        (await owner.Client.MessageCountToAsync(owner.Email)).ShouldBe(mailsBefore + 1);
    }

    /// <summary>Conversations written straight to the database: many messages without many requests.</summary>
    private async Task<List<Guid>> SeedConversationsAsync(Guid tenantId, Guid botId, int messages)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var bot = await db.Bots.SingleAsync(b => b.Id == botId);
        var contactIds = new List<Guid>();
        for (var c = 0; c < 3; c++)
        {
            var contact = Contact.Create(tenantId, Channel.Widget, $"visitor-{c}", $"Mijoz {c}");
            var conversation = Conversation.Start(bot, contact, factory.Time.GetUtcNow());
            db.Contacts.Add(contact);
            db.Conversations.Add(conversation);
            for (var m = 0; m < messages / 3; m++)
                db.Messages.Add(conversation.Receive($"Xabar {c}-{m}", factory.Time.GetUtcNow(), clientMessageId: null));
            contactIds.Add(contact.Id);
        }

        await db.SaveChangesAsync();
        return contactIds;
    }
}


/// <summary>Reads the SQLite file and its write-ahead log as bytes, the way someone with the disk would.</summary>
internal static class DatabaseFileScan
{
    /// <summary>Those of <paramref name="texts"/> found in UTF-8 or UTF-16 (either byte order), in any letter case SQLite keeps.</summary>
    public static List<string> Find(string databasePath, IEnumerable<string> texts)
    {
        var files = new[] { databasePath, databasePath + "-wal", databasePath + "-journal" }.Where(File.Exists).Select(ReadShared).ToList();
        return [.. texts.Where(text => Forms(text).Any(form => files.Any(bytes => bytes.AsSpan().IndexOf(form) >= 0)))];
    }

    private static IEnumerable<byte[]> Forms(string text) =>
        new[] { text, text.ToUpperInvariant() }.SelectMany(t => new[] { Encoding.UTF8.GetBytes(t), Encoding.Unicode.GetBytes(t), Encoding.BigEndianUnicode.GetBytes(t) });

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
