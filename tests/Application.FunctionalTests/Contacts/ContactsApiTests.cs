using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Application.FunctionalTests.Bots;
using Application.FunctionalTests.Integrations;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Contacts.Common;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Application.Tenants.Queries.GetMyTenant;
using VirtuOps.Application.Widget.Commands.SendWidgetMessage;
using VirtuOps.Domain.Conversations;
using VirtuOps.Infrastructure.Data;

namespace Application.FunctionalTests.Contacts;

/// <summary>An integrator's CRM reads the tenant's customers page by page, finds them, and keeps its own notes and ids on them.</summary>
public sealed class ContactsApiTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    private HttpClient Integrator(string key)
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    private async Task<SpaClient> OwnerAsync(string name, string phone)
    {
        var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync($"contacts-{name}@example.uz", phone);
        return owner;
    }

    /// <summary>Customers as the channels create them when they first write, one save each, a second apart.</summary>
    private async Task<List<Guid>> CustomersWriteAsync(SpaClient owner, params (Channel Channel, string ExternalId, string Name)[] customers)
    {
        var tenantId = (await owner.GetAsync<TenantDto>("/api/tenant"))!.Id;
        var ids = new List<Guid>();
        foreach (var (channel, externalId, name) in customers)
        {
            factory.Time.Advance(TimeSpan.FromSeconds(1));
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var contact = Contact.Create(tenantId, channel, externalId, name);
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            ids.Add(contact.Id);
        }
        return ids;
    }

    private static async Task<CursorPage<ContactDto>> PageAsync(HttpClient http, string query) =>
        (await http.GetFromJsonAsync<CursorPage<ContactDto>>($"/api/contacts{query}", SpaClient.Json))!;

    [Fact]
    public async Task Pages_of_contacts_neither_repeat_nor_skip_anyone_when_a_customer_arrives_between_pages()
    {
        using var owner = await OwnerAsync("pages", "+998901001601");
        await CustomersWriteAsync(owner, (Channel.Telegram, "555000601", "Aziz"), (Channel.Telegram, "555000602", "Bobur"), (Channel.Widget, "visitor-603", "Mehmon"));
        using var crm = Integrator((await ApiKeyAccessTests.CreateKeyAsync(owner, "Read")).Key);

        var first = await PageAsync(crm, "?limit=2");
        first.Items.Count.ShouldBe(2);
        first.NextCursor.ShouldNotBeNull();
        await CustomersWriteAsync(owner, (Channel.Telegram, "555000604", "Davron"));
        var second = await PageAsync(crm, $"?limit=2&cursor={Uri.EscapeDataString(first.NextCursor)}");

        second.NextCursor.ShouldBeNull();
        var paged = first.Items.Concat(second.Items).Select(c => c.ExternalId).ToList();
        paged.ShouldBe(["visitor-603", "555000602", "555000601"]);
        (await PageAsync(crm, "?limit=100")).Items[0].ExternalId.ShouldBe("555000604", "newest first");
    }

    [Fact]
    public async Task A_write_key_keeps_the_crms_name_notes_and_attributes_which_search_and_reads_then_show()
    {
        using var owner = await OwnerAsync("update", "+998901001602");
        var contactId = (await CustomersWriteAsync(owner, (Channel.WhatsApp, "998901234567", "998901234567"), (Channel.Telegram, "555000612", "Dilshod")))[0];
        using var crm = Integrator((await ApiKeyAccessTests.CreateKeyAsync(owner, "Read", "Write")).Key);

        var response = await crm.PutAsJsonAsync($"/api/contacts/{contactId}",
            new { displayName = "Dilnoza Rahimova", notes = "Ulgurji xaridor", attributes = new Dictionary<string, string> { ["crm.id"] = "C-1042", ["tier"] = "gold" } });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var contact = (await crm.GetFromJsonAsync<ContactDto>($"/api/contacts/{contactId}", SpaClient.Json))!;
        contact.DisplayName.ShouldBe("Dilnoza Rahimova");
        contact.Notes.ShouldBe("Ulgurji xaridor");
        contact.Attributes.ShouldBe(new Dictionary<string, string> { ["crm.id"] = "C-1042", ["tier"] = "gold" });
        contact.ExternalId.ShouldBe("998901234567");
        (await PageAsync(crm, "?search=dilnoza")).Items.ShouldHaveSingleItem().Id.ShouldBe(contactId);
        (await PageAsync(crm, "?search=%2B998%2090%20123")).Items.ShouldHaveSingleItem().Id.ShouldBe(contactId, "a phone typed with a plus and spaces");
        (await PageAsync(crm, "?channel=Telegram")).Items.ShouldHaveSingleItem().ExternalId.ShouldBe("555000612");
        (await PageAsync(crm, "?channel=Instagram")).Items.ShouldBeEmpty();

        // Attributes left out of a replacement are removed.
        (await crm.PutAsJsonAsync($"/api/contacts/{contactId}", new { displayName = "Dilnoza" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var cleared = (await crm.GetFromJsonAsync<ContactDto>($"/api/contacts/{contactId}", SpaClient.Json))!;
        cleared.Attributes.ShouldBeEmpty();
        cleared.Notes.ShouldBeNull();
    }

    [Theory]
    [InlineData(1, """{"displayName":""}""", "displayName")]
    [InlineData(2, """{"displayName":"Ali","notes":"NOTES"}""", "notes")]
    [InlineData(3, """{"displayName":"Ali","attributes":{"bad key!":"x"}}""", "attributes")]
    [InlineData(4, """{"displayName":"Ali","attributes":{"tier":"VALUE"}}""", "attributes")]
    [InlineData(5, """{"displayName":"Ali","attributes":MANY}""", "attributes")]
    public async Task Bad_updates_are_field_errors_and_change_nothing(int n, string body, string field)
    {
        using var owner = await OwnerAsync($"bad-{n}", $"+99890{1001610 + n}");
        var contactId = (await CustomersWriteAsync(owner, (Channel.Telegram, "555000620", "Aziz")))[0];
        var many = new JsonObject();
        for (var i = 0; i <= 20; i++)
            many[$"k{i}"] = "v";
        body = body.Replace("NOTES", new string('n', 2001), StringComparison.Ordinal).Replace("VALUE", new string('v', 501), StringComparison.Ordinal)
            .Replace("MANY", many.ToJsonString(), StringComparison.Ordinal);

        var response = await owner.Http.PutAsync($"/api/contacts/{contactId}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![field].ShouldNotBeNull();
        (await owner.GetAsync<ContactDto>($"/api/contacts/{contactId}"))!.DisplayName.ShouldBe("Aziz");
    }

    [Theory]
    [InlineData(1, "?cursor=not-a-cursor", "cursor")]
    [InlineData(2, "?limit=0", "limit")]
    [InlineData(3, "?limit=101", "limit")]
    public async Task A_bad_cursor_or_limit_is_a_field_error(int n, string query, string field)
    {
        using var owner = await OwnerAsync($"cursor-{n}", $"+99890{1001660 + n}");

        foreach (var path in new[] { "/api/contacts", $"/api/contacts/{Guid.NewGuid()}/conversations" })
        {
            var response = await owner.Http.GetAsync(path + query);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, path);
            (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![field].ShouldNotBeNull(path);
        }
    }

    [Fact]
    public async Task A_contacts_conversations_are_listed_and_another_tenants_key_finds_neither_them_nor_the_contact()
    {
        using var owner = await OwnerAsync("conversations", "+998901001690");
        var bot = await BotTestData.CreateBotAsync(owner, "Shop bot", "https://shop.example.uz");
        using var customer = factory.CreateClient();
        customer.DefaultRequestHeaders.Add("Origin", "https://shop.example.uz");
        customer.DefaultRequestHeaders.Add("X-Visitor-Id", Guid.NewGuid().ToString());
        var written = await customer.PostAsJsonAsync($"/api/widget/{bot.WidgetKey}/messages", new { text = "Buyurtmam qayerda?" });
        var conversationId = (await written.Content.ReadFromJsonAsync<WidgetReplyDto>(SpaClient.Json))!.ConversationId;
        var contactId = (await owner.GetAsync<CursorPage<ContactDto>>("/api/contacts"))!.Items.ShouldHaveSingleItem().Id;
        using var crm = Integrator((await ApiKeyAccessTests.CreateKeyAsync(owner, "Read")).Key);

        var conversations = (await crm.GetFromJsonAsync<CursorPage<ConversationSummaryDto>>($"/api/contacts/{contactId}/conversations", SpaClient.Json))!;

        var only = conversations.Items.ShouldHaveSingleItem();
        only.Id.ShouldBe(conversationId);
        only.ContactId.ShouldBe(contactId);
        conversations.NextCursor.ShouldBeNull();

        using var stranger = new SpaClient(factory);
        await stranger.RegisterVerifiedOwnerAsync("contacts-stranger@example.uz", "+998901001691");
        using var strangerKey = Integrator((await ApiKeyAccessTests.CreateKeyAsync(stranger, "Read", "Write")).Key);
        (await strangerKey.GetAsync($"/api/contacts/{contactId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await strangerKey.GetAsync($"/api/contacts/{contactId}/conversations")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await strangerKey.PutAsJsonAsync($"/api/contacts/{contactId}", new { displayName = "Begona" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PageAsync(strangerKey, "")).Items.ShouldBeEmpty();
        (await owner.GetAsync<ContactDto>($"/api/contacts/{contactId}"))!.DisplayName.ShouldNotBe("Begona");
    }
}
