using System.Net;
using System.Net.Http.Json;
using VirtuOps.Application.Contacts.Queries.ExportContact;
using VirtuOps.Application.PrivacyRequests.Common;
using VirtuOps.Domain.Conversations;
using VirtuOps.Domain.PrivacyRequests;

namespace Application.FunctionalTests.Contacts;

/// <summary>An end customer's right of access, exercised by the tenant: everything about one contact, and nobody else's.</summary>
public sealed class ContactExportTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    [Fact]
    public async Task A_contacts_export_holds_the_contact_their_conversation_and_every_message_and_is_recorded_as_answered()
    {
        var shop = await TelegramShop.OpenAsync(factory, "export-shop@example.uz", "+998901001501");
        await shop.CustomerWritesAsync(9001, 555000111, "Salom, buyurtmam qayerda?");
        await shop.CustomerWritesAsync(9002, 555000111, "Raqami 1042");
        await shop.CustomerWritesAsync(9003, 555000222, "Boshqa mijoz");
        var contactId = await shop.ContactIdOfAsync(555000111);

        var response = await shop.Owner.Http.GetAsync($"/api/contacts/{contactId}/export");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var export = (await response.Content.ReadFromJsonAsync<ContactExportDto>(SpaClient.Json))!;
        export.Contact.ShouldSatisfyAllConditions(
            c => c.Id.ShouldBe(contactId),
            c => c.Channel.ShouldBe(Channel.Telegram),
            c => c.ExternalId.ShouldBe("555000111"));
        var conversation = export.Conversations.ShouldHaveSingleItem();
        conversation.BotId.ShouldBe(shop.BotId);
        conversation.Messages.Where(m => m.Author == MessageAuthor.Contact).Select(m => m.Text).ShouldBe(["Salom, buyurtmam qayerda?", "Raqami 1042"]);
        conversation.Messages.ShouldContain(m => m.Author != MessageAuthor.Contact); // the bot's answers are the customer's history too
        export.Conversations.SelectMany(c => c.Messages).ShouldNotContain(m => m.Text == "Boshqa mijoz");

        var request = (await shop.Owner.GetAsync<List<PrivacyRequestDto>>("/api/privacy/requests"))!.ShouldHaveSingleItem();
        request.Kind.ShouldBe(PrivacyRequestKind.ContactExport);
        request.Status.ShouldBe(PrivacyRequestStatus.Answered);
        request.DueAt.ShouldBeGreaterThan(request.ReceivedAt);
    }
}
