using System.Net;
using System.Net.Http.Json;
using VirtuOps.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.PrivacyRequests.Common;
using Application.FunctionalTests.Privacy;
using VirtuOps.Domain.PrivacyRequests;

namespace Application.FunctionalTests.Contacts;

/// <summary>An end customer's right to erasure, exercised by the tenant.</summary>
public sealed class ContactErasureTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    [Fact]
    public async Task Erasing_a_contact_removes_their_conversations_messages_and_webhook_payloads_and_their_next_message_starts_a_new_contact()
    {
        var shop = await TelegramShop.OpenAsync(factory, "erase-shop@example.uz", "+998901001601");
        // An integrator's subscription: every event about the customer is queued for it, and must go with them.
        (await shop.Owner.Http.PostAsJsonAsync("/api/webhook-subscriptions", new { url = "http://127.0.0.1:9/hooks", events = WebhookEventTypes.All }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        await shop.CustomerWritesAsync(9201, 555000444, "Meni oʻchiring");
        await shop.CustomerWritesAsync(9202, 555000555, "Men qolaman");
        var contactId = await shop.ContactIdOfAsync(555000444);
        var conversationIds = await factory.QueryDatabaseAsync(db => db.Conversations.IgnoreQueryFilters().Where(c => c.ContactId == contactId).Select(c => c.Id).ToListAsync());

        (await shop.Owner.Http.DeleteAsync($"/api/contacts/{contactId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await shop.ContactsAsync(555000444)).ShouldBeEmpty();
        (await factory.QueryDatabaseAsync(db => db.Conversations.IgnoreQueryFilters().AnyAsync(c => conversationIds.Contains(c.Id)))).ShouldBeFalse();
        (await factory.QueryDatabaseAsync(db => db.Messages.IgnoreQueryFilters().AnyAsync(m => conversationIds.Contains(m.ConversationId)))).ShouldBeFalse();
        var payloads = await factory.QueryDatabaseAsync(db => db.InboundEvents.IgnoreQueryFilters().Select(e => e.Payload).ToListAsync());
        payloads.ShouldNotContain(p => p.Contains("555000444", StringComparison.Ordinal));
        payloads.ShouldContain(p => p.Contains("555000555", StringComparison.Ordinal));
        var outgoing = await factory.QueryDatabaseAsync(db => db.WebhookDeliveries.IgnoreQueryFilters().Select(d => d.Payload).ToListAsync());
        var erasedIds = conversationIds.Append(contactId).Select(id => id.ToString()).ToList();
        outgoing.ShouldNotContain(p => erasedIds.Any(id => p.Contains(id, StringComparison.OrdinalIgnoreCase)));
        outgoing.ShouldContain(p => p.Contains("Men qolaman", StringComparison.Ordinal));
        (await shop.ContactsAsync(555000555)).ShouldHaveSingleItem();
        var request = (await shop.Owner.GetAsync<List<PrivacyRequestDto>>("/api/privacy/requests"))!.ShouldHaveSingleItem();
        request.Kind.ShouldBe(PrivacyRequestKind.ContactErasure);
        request.Status.ShouldBe(PrivacyRequestStatus.Answered);
        (await shop.Owner.Http.DeleteAsync($"/api/contacts/{contactId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await shop.CustomerWritesAsync(9203, 555000444, "Yana salom");

        var newContact = (await shop.ContactsAsync(555000444)).ShouldHaveSingleItem();
        newContact.Id.ShouldNotBe(contactId);
        var texts = await factory.QueryDatabaseAsync(db => db.Messages.IgnoreQueryFilters()
            .Where(m => db.Conversations.IgnoreQueryFilters().Any(c => c.Id == m.ConversationId && c.ContactId == newContact.Id))
            .Select(m => m.Text).ToListAsync());
        texts.ShouldContain("Yana salom");
        texts.ShouldNotContain("Meni oʻchiring");
    }
}

// A class (and so an app) of its own: the shop's Telegram account can be connected once per app.
public sealed class ContactErasureWhileRestrictedTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    [Fact]
    public async Task A_customers_erasure_is_carried_out_while_the_tenants_processing_is_restricted()
    {
        var shop = await TelegramShop.OpenAsync(factory, "erase-restricted@example.uz", "+998901001602");
        await shop.CustomerWritesAsync(9301, 555000666, "Meni oʻchiring");
        var contactId = await shop.ContactIdOfAsync(555000666);
        await RestrictionTestSteps.RestrictAsync(shop.Owner);

        (await shop.Owner.Http.DeleteAsync($"/api/contacts/{contactId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await factory.QueryDatabaseAsync(db => db.Contacts.IgnoreQueryFilters().AnyAsync(c => c.Id == contactId))).ShouldBeFalse();
    }
}
