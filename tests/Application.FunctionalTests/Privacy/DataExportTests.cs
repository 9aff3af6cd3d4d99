using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Application.FunctionalTests.Bots;
using Application.FunctionalTests.Channels;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.ApiKeys.Commands.CreateApiKey;
using VirtuOps.Application.Bots.Common;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Application.Privacy.Exports.Commands.BuildPendingDataExports;
using VirtuOps.Application.Privacy.Exports.Commands.PurgeExpiredDataExports;
using VirtuOps.Application.Privacy.Exports.Common;
using VirtuOps.Domain.ApiKeys;
using VirtuOps.Domain.Conversations;
using VirtuOps.Domain.Privacy;
using VirtuOps.Domain.PrivacyRequests;
using VirtuOps.Application.PrivacyRequests.Common;
using VirtuOps.Infrastructure.Privacy;

namespace Application.FunctionalTests.Privacy;

/// <summary>The app with its own export directory and without the export worker: the tests build exports when they choose.</summary>
public class DataExportApiFactory : VirtuOpsApiFactory
{
    public DataExportApiFactory()
    {
    }

    protected DataExportApiFactory(string databasePath, string exportDirectory) : base(databasePath) => ExportDirectory = exportDirectory;

    public string ExportDirectory { get; } = Path.Combine(Path.GetTempPath(), $"virtuops-exports-{Guid.NewGuid():N}");

    protected virtual bool RunWorker => false;

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Privacy:Exports:Directory", ExportDirectory);
        builder.UseSetting("Privacy:Exports:RunWorker", RunWorker ? "true" : "false");
    }

    public async Task<int> BuildPendingExportsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new BuildPendingDataExportsCommand());
    }

    public async Task<int> PurgeExpiredExportsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PurgeExpiredDataExportsCommand());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!KeepDatabase && Directory.Exists(ExportDirectory))
            Directory.Delete(ExportDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }
}

public sealed class DataExportTests(DataExportApiFactory factory) : IClassFixture<DataExportApiFactory>
{
    private static int _phone = 1000;

    private static string NextPhone() => $"+99890{Interlocked.Increment(ref _phone) + 2_100_000:D7}";

    private async Task<SpaClient> OwnerAsync(string email)
    {
        var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync(email, NextPhone());
        return owner;
    }

    private static async Task<DataExportDto> RequestExportAsync(SpaClient user, string language = "En")
    {
        var response = await user.Http.PostAsync($"/api/privacy/exports?language={language}", null);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        return (await response.Content.ReadFromJsonAsync<DataExportDto>(SpaClient.Json))!;
    }

    /// <summary>Every entry of the zip, uncompressed, by name.</summary>
    private static async Task<Dictionary<string, string>> DownloadAsync(SpaClient user, Guid exportId)
    {
        var response = await user.Http.GetAsync($"/api/privacy/exports/{exportId}/download");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var entries = new Dictionary<string, string>();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            entries[entry.FullName] = await reader.ReadToEndAsync();
        }

        // The raw bytes too, so a secret stored uncompressed would be caught as well.
        entries["(zip bytes)"] = Encoding.UTF8.GetString(bytes);
        return entries;
    }

    private async Task<BotDto> SeedConversationAsync(SpaClient owner, string text)
    {
        var bot = await BotTestData.CreateBotAsync(owner, "Eksport boti", "https://shop.example.uz");
        using var visitor = factory.CreateClient();
        visitor.DefaultRequestHeaders.Add("Origin", "https://shop.example.uz");
        visitor.DefaultRequestHeaders.Add("X-Visitor-Id", Guid.NewGuid().ToString());
        var sent = await visitor.PostAsJsonAsync($"/api/widget/{bot.WidgetKey}/messages", new { text });
        sent.EnsureSuccessStatusCode();
        return bot;
    }

    [Fact]
    public async Task An_owners_export_holds_every_file_and_the_tenants_rows_but_no_other_tenants_rows_and_no_secret()
    {
        using var owner = await OwnerAsync("export-owner@example.uz");
        const string text = "Buyurtmam 4711 qayerda?";
        var bot = await SeedConversationAsync(owner, text);
        var connectionId = await ChannelTestData.ConnectAsync(factory, bot.Id, Channel.Telegram);
        var apiKey = (await (await owner.Http.PostAsJsonAsync("/api/api-keys", new { name = "CRM", scopes = new[] { "Read" } }))
            .Content.ReadFromJsonAsync<CreatedApiKeyDto>(SpaClient.Json))!;
        using var other = await OwnerAsync("export-other@example.uz");
        // Letters beyond a-f: digits could turn up by chance in the export's ids, times or compressed bytes.
        await SeedConversationAsync(other, "Boshqa doʻkon mijozining xabari: Qoraqalpogʻiston");

        var export = await RequestExportAsync(owner);
        export.Status.ShouldBe(DataExportStatus.Pending);
        export.Scope.ShouldBe(DataExportScope.Tenant);
        (await factory.BuildPendingExportsAsync()).ShouldBeGreaterThanOrEqualTo(1);
        (await owner.GetAsync<DataExportDto>($"/api/privacy/exports/{export.Id}"))!.Status.ShouldBe(DataExportStatus.Ready);

        var files = await DownloadAsync(owner, export.Id);
        files.Keys.Where(k => k != "(zip bytes)").Order().ShouldBe(ExportCatalog.Files.Select(f => f.Name).Append(ExportCatalog.ReadmeFileName).Order());
        files["profile.json"].ShouldContain("export-owner@example.uz");
        files["users.json"].ShouldContain("\"Owner\"");
        files["consents.json"].ShouldContain("PrivacyPolicy");
        files["bots.json"].ShouldContain("Eksport boti");
        files["knowledge.json"].ShouldContain(BotTestData.Knowledge[0].Answer);
        files["channels.json"].ShouldContain(connectionId.ToString());
        files["api-keys.json"].ShouldContain(apiKey.Prefix);
        files["messages.csv"].ShouldContain(text);
        files["conversations.csv"].Split('\n').Length.ShouldBe(3); // the header, the one conversation, the final newline
        files["README.txt"].ShouldContain("messages.csv");

        var everything = string.Concat(files.Values);
        everything.ShouldNotContain("export-other@example.uz");
        everything.ShouldNotContain("Qoraqalpog");
        everything.ShouldNotContain(apiKey.Key);
        everything.ShouldNotContain(apiKey.Key[ApiKey.PrefixLength..]);
        everything.ShouldNotContain("AAtelegram-token");
        everything.ShouldNotContain(ChannelTestData.TelegramSecret);
        everything.ShouldNotContain("PasswordHash", Case.Insensitive);
        everything.ShouldNotContain("encryptedCredentials");
    }

    [Fact]
    public async Task An_agents_export_holds_only_their_own_account_data()
    {
        using var owner = await OwnerAsync("agent-export-owner@example.uz");
        await SeedConversationAsync(owner, "Agent koʻrmasligi kerak 5151");
        using var agent = await ChannelTestData.InviteAgentAsync(factory, owner, "agent-export@example.uz");
        await agent.GetAsync<object>("/api/account/access-log"); // something of the agent's own in the access log
        await factory.Services.GetRequiredService<IAccessLogWriter>().FlushAsync(CancellationToken.None);

        var export = await RequestExportAsync(agent, "Ru");
        export.Scope.ShouldBe(DataExportScope.Account);
        await factory.BuildPendingExportsAsync();

        var files = await DownloadAsync(agent, export.Id);
        files.Keys.Where(k => k != "(zip bytes)").Order(StringComparer.Ordinal).ShouldBe(["README.txt", "access-log.json", "consents.json", "privacy-requests.json", "profile.json", "sessions.json"]);
        files["profile.json"].ShouldContain("agent-export@example.uz");
        files["README.txt"].ShouldContain("Здесь данные вашего аккаунта");
        var agentId = await factory.QueryDatabaseAsync(db => db.Users.Where(u => u.Email == "agent-export@example.uz").Select(u => u.Id).SingleAsync());
        using (var log = JsonDocument.Parse(files["access-log.json"]))
        {
            log.RootElement.GetArrayLength().ShouldBeGreaterThan(0);
            log.RootElement.EnumerateArray().ShouldAllBe(e => e.GetProperty("userId").GetGuid() == agentId);
        }

        using (var sessions = JsonDocument.Parse(files["sessions.json"]))
            sessions.RootElement.EnumerateArray().ShouldAllBe(e => e.GetProperty("userId").GetGuid() == agentId);
        var everything = string.Concat(files.Values);
        everything.ShouldNotContain("agent-export-owner@example.uz");
        everything.ShouldNotContain("5151");
    }

    [Fact]
    public async Task Asking_again_while_an_export_is_being_built_returns_the_running_one()
    {
        using var owner = await OwnerAsync("export-twice@example.uz");

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => RequestExportAsync(owner)));
        answers.Select(a => a.Id).Distinct().Count().ShouldBe(1);
        (await RequestExportAsync(owner)).Id.ShouldBe(answers[0].Id);
        var userId = await factory.QueryDatabaseAsync(db => db.Users.Where(u => u.Email == "export-twice@example.uz").Select(u => u.Id).SingleAsync());
        (await factory.QueryDatabaseAsync(db => db.DataExports.IgnoreQueryFilters().CountAsync(e => e.UserId == userId))).ShouldBe(1);

        // Once it is built, a new request starts a new export.
        await factory.BuildPendingExportsAsync();
        (await RequestExportAsync(owner)).Id.ShouldNotBe(answers[0].Id);
    }

    [Fact]
    public async Task Nobody_but_the_user_who_asked_can_see_or_download_an_export()
    {
        using var owner = await OwnerAsync("export-private@example.uz");
        using var agent = await ChannelTestData.InviteAgentAsync(factory, owner, "export-private-agent@example.uz");
        using var stranger = await OwnerAsync("export-stranger@example.uz");
        var export = await RequestExportAsync(owner);
        await factory.BuildPendingExportsAsync();

        foreach (var other in new[] { agent, stranger })
        {
            (await other.Http.GetAsync($"/api/privacy/exports/{export.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await other.Http.GetAsync($"/api/privacy/exports/{export.Id}/download")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await other.GetAsync<List<DataExportDto>>("/api/privacy/exports"))!.ShouldNotContain(e => e.Id == export.Id);
        }

        using var anonymous = new SpaClient(factory);
        (await anonymous.Http.GetAsync($"/api/privacy/exports/{export.Id}/download")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await owner.Http.GetAsync($"/api/privacy/exports/{export.Id}/download")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_ready_export_is_emailed_as_a_link_in_the_language_asked_for()
    {
        using var owner = await OwnerAsync("export-mail@example.uz");
        var export = await RequestExportAsync(owner, "Ru");
        await factory.BuildPendingExportsAsync();

        var mail = await owner.LatestMessageToAsync("export-mail@example.uz");
        mail.Subject.ShouldNotBeNull().ShouldContain("ваши данные готовы");
        (await owner.LatestLinkToAsync("export-mail@example.uz")).Query.ShouldContain(export.Id.ToString());
    }

    [Fact]
    public async Task Seven_days_after_it_is_ready_the_export_cannot_be_downloaded_and_the_retention_job_deletes_file_and_row()
    {
        using var owner = await OwnerAsync("export-expiry@example.uz");
        var export = await RequestExportAsync(owner);
        await factory.BuildPendingExportsAsync();
        var file = Path.Combine(factory.ExportDirectory, $"{export.Id:N}.zip");
        File.Exists(file).ShouldBeTrue();

        factory.Time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        await factory.PurgeExpiredExportsAsync();
        (await owner.Http.GetAsync($"/api/privacy/exports/{export.Id}/download")).StatusCode.ShouldBe(HttpStatusCode.OK);

        factory.Time.Advance(TimeSpan.FromMinutes(2));
        (await owner.Http.GetAsync($"/api/privacy/exports/{export.Id}/download")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // The scheduled retention job runs on the moved clock too and may have been first; either way it is gone.
        await factory.PurgeExpiredExportsAsync();
        File.Exists(file).ShouldBeFalse();
        (await factory.QueryDatabaseAsync(db => db.DataExports.IgnoreQueryFilters().AnyAsync(e => e.Id == export.Id))).ShouldBeFalse();
        (await owner.Http.GetAsync($"/api/privacy/exports/{export.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_export_is_recorded_as_an_access_request_and_answered_when_it_is_ready()
    {
        using var owner = await OwnerAsync("export-request@example.uz");
        await RequestExportAsync(owner);
        await RequestExportAsync(owner); // the same running export: one request

        var received = (await owner.GetAsync<List<PrivacyRequestDto>>("/api/privacy/requests"))!.Where(r => r.Kind == PrivacyRequestKind.Access).ToList();
        received.Single().Status.ShouldBe(PrivacyRequestStatus.Received);
        await factory.BuildPendingExportsAsync();

        var answered = (await owner.GetAsync<List<PrivacyRequestDto>>("/api/privacy/requests"))!.Single(r => r.Kind == PrivacyRequestKind.Access);
        answered.Status.ShouldBe(PrivacyRequestStatus.Answered);
        answered.Answer.ShouldNotBeNull().ShouldContain("ready");
    }

    [Fact]
    public async Task A_zip_whose_export_row_was_deleted_with_its_user_is_deleted_by_the_retention_job()
    {
        using var owner = await OwnerAsync("export-orphan@example.uz");
        var export = await RequestExportAsync(owner);
        await factory.BuildPendingExportsAsync();
        var file = Path.Combine(factory.ExportDirectory, $"{export.Id:N}.zip");
        File.Exists(file).ShouldBeTrue();

        // As an account's erasure deletes its rows, without knowing about files.
        await factory.QueryDatabaseAsync(db => db.DataExports.IgnoreQueryFilters().Where(e => e.Id == export.Id).ExecuteDeleteAsync());
        await factory.PurgeExpiredExportsAsync();

        File.Exists(file).ShouldBeFalse();
    }

    [Fact]
    public async Task An_unknown_language_is_a_bad_request_and_starts_nothing()
    {
        using var owner = await OwnerAsync("export-language@example.uz");

        var refused = await owner.Http.PostAsync("/api/privacy/exports?language=Klingon", null);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await owner.GetAsync<List<DataExportDto>>("/api/privacy/exports"))!.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_download_before_the_export_is_built_is_refused_as_not_ready()
    {
        using var owner = await OwnerAsync("export-early@example.uz");
        var export = await RequestExportAsync(owner);
        (await owner.Http.GetAsync($"/api/privacy/exports/{export.Id}/download")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }
}
