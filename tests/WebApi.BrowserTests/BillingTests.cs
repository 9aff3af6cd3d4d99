using Microsoft.Playwright;

namespace WebApi.BrowserTests;

public sealed class BillingTests(LiveAppFixture app) : IClassFixture<LiveAppFixture>
{
    private const string OwnerEmail = "demo@virtuops.uz";

    // Playwright's web-first assertions retry until the page shows what is expected (or time out).
    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [Fact]
    public async Task The_owner_subscribes_on_the_paylov_sandbox_page_with_an_sms_code_gets_a_receipt_and_cancels()
    {
        var page = await app.NewPageAsync();
        var cspViolations = LiveAppFixture.CspViolationsOf(page);
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Elektron pochta").FillAsync(OwnerEmail);
        await page.GetByLabel("Parol", new() { Exact = true }).FillAsync("Demo-parol-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirish", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToBeVisibleAsync();

        // Billing: the plans with prices in so‘m; subscribing sends the browser to Paylov's (sandbox) page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Toʻlov", Exact = true }).ClickAsync();
        var start = page.GetByTestId("plan-start");
        await Expect(start).ToContainTextAsync("199 000 so‘m / oy");
        await start.GetByRole(AriaRole.Button, new() { Name = "Obuna boʻlish" }).ClickAsync();

        await Expect(page.GetByText("SANDBOX — no real money")).ToBeVisibleAsync();
        // Its style sheet is a file of its own, as the Content-Security-Policy requires.
        await Expect(page.GetByText("SANDBOX — no real money")).ToHaveCSSAsync("background-color", "rgb(176, 0, 32)");
        await page.GetByLabel("Card number").FillAsync("8600 0000 0000 0031");
        await page.GetByLabel("Expiry (MM/YY)").FillAsync("07/39");
        await page.GetByLabel("CVV").FillAsync("123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay 199 000 UZS" }).ClickAsync();
        await page.GetByLabel("SMS code").FillAsync("123456");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        // Back in the app: the return page completes the checkout.
        await Expect(page.GetByTestId("checkout-result")).ToHaveTextAsync("Toʻlov muvaffaqiyatli oʻtdi. Chek elektron pochtangizga yuborildi.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Obuna sahifasiga qaytish" }).ClickAsync();
        await Expect(page.GetByTestId("subscription")).ToContainTextAsync("Faol");
        await Expect(page.GetByTestId("card")).ToContainTextAsync("860000******0031");
        await Expect(page.GetByTestId("payment")).ToContainTextAsync("199 000 so‘m");
        await Expect(page.GetByTestId("payment").GetByRole(AriaRole.Link, new() { Name = "Chekni ochish" })).ToHaveAttributeAsync("target", "_blank");

        // The receipt was e-mailed: the Dev outbox shows it.
        var outbox = await page.Context.NewPageAsync();
        await outbox.GotoAsync("/dev/outbox?to=" + Uri.EscapeDataString(OwnerEmail));
        await Expect(outbox.GetByTestId("outbox-message").Filter(new() { HasText = "Payment receipt" })).ToContainTextAsync("199 000 so‘m");
        await outbox.CloseAsync();

        // Cancel, after the confirmation: the subscription is marked as ending and the card is gone.
        await page.GetByRole(AriaRole.Button, new() { Name = "Obunani bekor qilish" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Alertdialog, new() { Name = "Obuna bekor qilinsinmi?" });
        await Expect(dialog).ToContainTextAsync("Karta maʼlumotlari oʻchiriladi.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Ha, bekor qilish" }).ClickAsync();

        await Expect(page.GetByTestId("subscription")).ToContainTextAsync("Davr oxirida tugaydi");
        await Expect(page.GetByTestId("card")).ToHaveTextAsync("Karta ulanmagan.");
        cspViolations.ShouldBeEmpty();
    }
}
