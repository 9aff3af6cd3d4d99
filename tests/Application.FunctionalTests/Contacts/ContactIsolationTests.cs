using System.Net;
using VirtuOps.Application.PrivacyRequests.Common;

namespace Application.FunctionalTests.Contacts;

/// <summary>A tenant's contacts are its own: another tenant can neither export nor erase them.</summary>
public sealed class ContactIsolationTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    [Fact]
    public async Task Another_tenants_contact_is_not_found_for_export_or_erasure()
    {
        var shop = await TelegramShop.OpenAsync(factory, "isolated-shop@example.uz", "+998901001502");
        await shop.CustomerWritesAsync(9101, 555000333, "Faqat shu doʻkon uchun");
        var contactId = await shop.ContactIdOfAsync(555000333);
        using var stranger = new SpaClient(factory);
        await stranger.RegisterVerifiedOwnerAsync("stranger-shop@example.uz", "+998901001503");

        (await stranger.Http.GetAsync($"/api/contacts/{contactId}/export")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.Http.DeleteAsync($"/api/contacts/{contactId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await shop.ContactsAsync(555000333)).ShouldHaveSingleItem().Id.ShouldBe(contactId);
        (await stranger.GetAsync<List<PrivacyRequestDto>>("/api/privacy/requests"))!.ShouldBeEmpty();
    }
}
