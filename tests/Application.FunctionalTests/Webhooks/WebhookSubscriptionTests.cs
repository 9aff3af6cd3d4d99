using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Application.FunctionalTests.Webhooks;

public sealed class WebhookSubscriptionTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    private static readonly string[] MessageEvents = ["message.received", "message.sent"];

    [Fact]
    public async Task The_owner_subscribes_an_endpoint_sees_its_secret_once_rotates_it_and_deletes_it()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("hooks-owner@example.uz", "+998901500001");

        var response = await owner.Http.PostAsJsonAsync("/api/webhook-subscriptions",
            new { url = "http://127.0.0.1:5999/crm/hooks", events = MessageEvents, description = "CRM" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var secret = created["secret"]!.GetValue<string>();
        secret.ShouldStartWith("whsec_");
        var id = created["subscription"]!["id"]!.GetValue<Guid>();
        response.Headers.Location!.ToString().ShouldBe($"/api/webhook-subscriptions/{id}");

        var listed = await owner.Http.GetStringAsync("/api/webhook-subscriptions");
        listed.ShouldNotContain(secret);
        var only = JsonNode.Parse(listed)!.AsArray().ShouldHaveSingleItem()!;
        only["url"]!.GetValue<string>().ShouldBe("http://127.0.0.1:5999/crm/hooks");
        only["events"]!.AsArray().Select(e => e!.GetValue<string>()).ShouldBe(MessageEvents);
        only["description"]!.GetValue<string>().ShouldBe("CRM");
        only["enabled"]!.GetValue<bool>().ShouldBeTrue();

        // Stored encrypted: the secret is nowhere in the row.
        var stored = await factory.QueryDatabaseAsync(db => db.WebhookSubscriptions.IgnoreQueryFilters().SingleAsync(s => s.Id == id));
        stored.EncryptedSecret.ShouldNotContain(secret);
        stored.EncryptedSecret.ShouldNotContain(secret["whsec_".Length..]);

        var rotated = await owner.Http.PostAsync($"/api/webhook-subscriptions/{id}/rotate-secret", null);
        rotated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rotation = (await rotated.Content.ReadFromJsonAsync<JsonObject>())!;
        var newSecret = rotation["secret"]!.GetValue<string>();
        newSecret.ShouldStartWith("whsec_");
        newSecret.ShouldNotBe(secret);
        rotation["previousSecretExpiresAt"]!.GetValue<DateTimeOffset>().ShouldBe(factory.Time.GetUtcNow().AddHours(24), TimeSpan.FromSeconds(1));
        JsonNode.Parse(await owner.Http.GetStringAsync("/api/webhook-subscriptions"))![0]!["previousSecretExpiresAt"].ShouldNotBeNull();

        (await owner.Http.DeleteAsync($"/api/webhook-subscriptions/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        JsonNode.Parse(await owner.Http.GetStringAsync("/api/webhook-subscriptions"))!.AsArray().ShouldBeEmpty();
        (await owner.Http.DeleteAsync($"/api/webhook-subscriptions/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_tenants_subscriptions_are_invisible_and_cannot_be_rotated_or_deleted()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("hooks-a@example.uz", "+998901500002");
        var created = await owner.Http.PostAsJsonAsync("/api/webhook-subscriptions", new { url = "http://127.0.0.1:5999/a", events = MessageEvents });
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["subscription"]!["id"]!.GetValue<Guid>();

        using var other = new SpaClient(factory);
        await other.RegisterVerifiedOwnerAsync("hooks-b@example.uz", "+998901500003");
        JsonNode.Parse(await other.Http.GetStringAsync("/api/webhook-subscriptions"))!.AsArray().ShouldBeEmpty();
        (await other.Http.PostAsync($"/api/webhook-subscriptions/{id}/rotate-secret", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Http.DeleteAsync($"/api/webhook-subscriptions/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // The same URL is another tenant's business: not a duplicate for this one.
        (await other.Http.PostAsJsonAsync("/api/webhook-subscriptions", new { url = "http://127.0.0.1:5999/a", events = MessageEvents }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        JsonNode.Parse(await owner.Http.GetStringAsync("/api/webhook-subscriptions"))!.AsArray().ShouldHaveSingleItem();
        using var anonymous = factory.CreateClient();
        (await anonymous.GetAsync("/api/webhook-subscriptions")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Unknown_events_duplicates_bad_urls_and_bodies_over_64_kB_are_field_errors()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("hooks-bad@example.uz", "+998901500004");
        (await owner.Http.PostAsJsonAsync("/api/webhook-subscriptions", new { url = "http://127.0.0.1:5999/dup", events = MessageEvents }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        await ShouldBeFieldErrorAsync(owner, new { url = "http://127.0.0.1:5999/x", events = new[] { "message.received", "order.paid" } }, "Events[1]");
        await ShouldBeFieldErrorAsync(owner, new { url = "http://127.0.0.1:5999/x", events = Array.Empty<string>() }, "Events");
        await ShouldBeFieldErrorAsync(owner, new { url = "http://127.0.0.1:5999/dup", events = MessageEvents }, "Url");
        await ShouldBeFieldErrorAsync(owner, new { url = "ftp://files.example.uz/in", events = MessageEvents }, "Url");
        await ShouldBeFieldErrorAsync(owner, new { url = "not a url", events = MessageEvents }, "Url");
        await ShouldBeFieldErrorAsync(owner, new { url = "http://127.0.0.1:5999/big", events = MessageEvents, description = new string('x', 70_000) }, "description");
        // Over 64 kB in fields the command does not even have: refused by its size alone.
        var padded = $$"""{"url":"http://127.0.0.1:5999/big","events":["message.received"],"padding":"{{new string('x', 70_000)}}"}""";
        var large = await owner.Http.PostAsync("/api/webhook-subscriptions", new StringContent(padded, Encoding.UTF8, "application/json"));
        large.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await large.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["body"].ShouldNotBeNull();

        JsonNode.Parse(await owner.Http.GetStringAsync("/api/webhook-subscriptions"))!.AsArray().ShouldHaveSingleItem();
    }

    internal static async Task ShouldBeFieldErrorAsync(SpaClient owner, object body, string field)
    {
        var response = await owner.Http.PostAsJsonAsync("/api/webhook-subscriptions", body);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["errors"]!.AsObject().Select(e => e.Key.ToLowerInvariant()).ShouldContain(field.ToLowerInvariant());
    }
}

/// <summary>Production's rules: https only, and nothing that resolves into our own network.</summary>
public sealed class StrictWebhookApp : VirtuOpsApiFactory
{
    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Webhooks:AllowHttp", "false");
        builder.UseSetting("Webhooks:AllowPrivateAddresses", "false");
    }
}

public sealed class WebhookTargetTests(StrictWebhookApp factory) : IClassFixture<StrictWebhookApp>
{
    [Theory]
    [InlineData("http://hooks.example.uz/in")]
    [InlineData("https://127.0.0.1/in")]
    [InlineData("https://localhost:8443/in")]
    [InlineData("https://10.20.30.40/in")]
    [InlineData("https://172.16.0.1/in")]
    [InlineData("https://192.168.1.10/in")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/in")]
    [InlineData("https://[fd00::1]/in")]
    [InlineData("https://[::ffff:127.0.0.1]/in")]
    [InlineData("https://0.0.0.0/in")]
    public async Task Plain_http_and_urls_into_our_own_network_are_refused(string url)
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync($"ssrf-{Guid.NewGuid():N}@example.uz", $"+99890{Random.Shared.Next(1000000, 9999999)}");
        await WebhookSubscriptionTests.ShouldBeFieldErrorAsync(owner, new { url, events = new[] { "message.received" } }, "Url");
    }

    [Fact]
    public async Task A_public_https_address_is_accepted()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("ssrf-public@example.uz", "+998901500009");
        // An address literal: nothing is resolved or contacted when a subscription is created.
        var response = await owner.Http.PostAsJsonAsync("/api/webhook-subscriptions", new { url = "https://203.0.114.10/in", events = new[] { "message.received" } });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
