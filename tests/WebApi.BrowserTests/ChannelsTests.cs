using System.Text.RegularExpressions;
using Infrastructure.IntegrationTests.Channels;
using Microsoft.Playwright;

namespace WebApi.BrowserTests;

public sealed class ChannelsTests(LiveAppFixture app) : IClassFixture<LiveAppFixture>
{
    // Playwright's web-first assertions retry until the page shows what is expected (or time out).
    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [Fact]
    public async Task The_owner_connects_whatsapp_and_gets_the_callback_url_and_verify_token_for_meta()
    {
        // The number as Meta's Graph API knows it: connecting reads its display number with the access token.
        app.Graph.AddWhatsAppNumber(FakeGraphServer.PhoneNumberId, FakeGraphServer.WhatsAppToken,
            FakeGraphServer.DisplayPhoneNumber, FakeGraphServer.VerifiedName);
        var page = await app.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Elektron pochta").FillAsync("demo@virtuops.uz");
        await page.GetByLabel("Parol", new() { Exact = true }).FillAsync("Demo-parol-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirish", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Botlar", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Demo Do‘kon yordamchisi" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Bot boʻlimlari" }).GetByRole(AriaRole.Link, new() { Name = "Kanallar" }).ClickAsync();

        var whatsApp = page.GetByTestId("channel-WhatsApp");
        await Expect(whatsApp).ToContainTextAsync("Ulanmagan");
        await whatsApp.GetByLabel("Telefon raqami ID (Phone number ID)").FillAsync(FakeGraphServer.PhoneNumberId);
        await whatsApp.GetByLabel("WhatsApp Business hisobi ID").FillAsync(FakeGraphServer.BusinessAccountId);
        await whatsApp.GetByLabel("Kirish tokeni (access token)").FillAsync(FakeGraphServer.WhatsAppToken);
        await whatsApp.GetByLabel("Ilova siri (App secret)").FillAsync("browser-test-app-secret");
        await whatsApp.GetByRole(AriaRole.Button, new() { Name = "Ulash" }).ClickAsync();

        await Expect(whatsApp.GetByTestId("channel-health")).ToContainTextAsync(FakeGraphServer.DisplayPhoneNumber);
        var setup = whatsApp.GetByTestId("webhook-setup");
        await Expect(setup.GetByLabel("Callback URL")).ToHaveValueAsync(new Regex(@"^http://127\.0\.0\.1:\d+/webhooks/whatsapp/[0-9a-f-]{36}$"));
        await Expect(setup.GetByLabel("Verify token")).Not.ToBeEmptyAsync();
        await Expect(setup).ToContainTextAsync("WhatsApp → Configuration");
    }
}
