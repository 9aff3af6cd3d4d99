using Microsoft.Playwright;

namespace WebApi.BrowserTests;

/// <summary>The app with our card form (<c>Paylov:CardBinding = Direct</c>) on the sandbox gateway.</summary>
public sealed class DirectCardBindingAppFixture : LiveAppFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Paylov:CardBinding"] = "Direct" };
}

public sealed class CardFormTests(DirectCardBindingAppFixture app) : IClassFixture<DirectCardBindingAppFixture>
{
    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [Fact]
    public async Task The_owner_types_the_card_into_our_form_confirms_the_sms_code_after_a_wrong_one_and_is_subscribed()
    {
        var page = await app.NewPageAsync();
        var cspViolations = LiveAppFixture.CspViolationsOf(page);
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Elektron pochta").FillAsync("demo@virtuops.uz");
        await page.GetByLabel("Parol", new() { Exact = true }).FillAsync("Demo-parol-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirish", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Toʻlov", Exact = true }).ClickAsync();
        await page.GetByTestId("plan-start").GetByRole(AriaRole.Button, new() { Name = "Obuna boʻlish" }).ClickAsync();

        // The card form: the number is grouped as typed and checked here before anything is sent.
        var form = page.GetByTestId("card-form");
        var number = form.GetByLabel("Karta raqami (UzCard, Humo yoki Visa)");
        await number.PressSequentiallyAsync("8600000000000031");
        await Expect(number).ToHaveValueAsync("8600 0000 0000 0031");
        await form.GetByLabel("Amal qilish muddati").PressSequentiallyAsync("0739");
        await form.GetByRole(AriaRole.Button, new() { Name = "Davom etish" }).ClickAsync();

        // The sandbox's Paylov texted a code: a wrong one shows the attempts left, the right one binds and pays.
        var otp = page.GetByTestId("card-otp-form");
        await Expect(otp.GetByTestId("otp-attempts")).ToHaveTextAsync("Qolgan urinishlar: 3");
        await otp.GetByLabel("SMSdagi kod").FillAsync("000000");
        await otp.GetByRole(AriaRole.Button, new() { Name = "Kartani tasdiqlash" }).ClickAsync();
        await Expect(otp.GetByRole(AriaRole.Alert)).ToContainTextAsync("Qolgan urinishlar: 2");
        await otp.GetByLabel("SMSdagi kod").FillAsync("123456");
        await otp.GetByRole(AriaRole.Button, new() { Name = "Kartani tasdiqlash" }).ClickAsync();

        await Expect(page.GetByTestId("subscription")).ToContainTextAsync("Faol");
        await Expect(page.GetByTestId("card")).ToContainTextAsync("860000******0031");
        await Expect(page.GetByTestId("payment")).ToContainTextAsync("199 000 so‘m");
        cspViolations.ShouldBeEmpty();
    }
}
