using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace WebApi.BrowserTests;

public sealed partial class AccountTests(LiveAppFixture app) : IClassFixture<LiveAppFixture>
{
    private const string Password = "Kuchli-parol-2026";

    // Playwright's web-first assertions retry until the page shows what is expected (or time out).
    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [Fact]
    public async Task A_new_business_signs_up_verifies_its_phone_turns_on_two_factor_and_signs_in_again_with_an_sms_code()
    {
        var page = await app.NewPageAsync();
        var email = $"owner-{Guid.NewGuid():N}@example.uz";
        // A fresh Beeline (90) mobile number, so this run's messages are the only ones to it.
        var phone = "+99890" + Random.Shared.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture);

        // Sign up, accepting both documents.
        await page.GotoAsync("/sign-up");
        await page.GetByLabel("Ism va familiya").FillAsync("Malika Yusupova");
        await page.GetByLabel("Kompaniya nomi").FillAsync("Buxoro Suvenir");
        await page.GetByLabel("Elektron pochta").FillAsync(email);
        await page.GetByLabel("Mobil telefon raqami").FillAsync(phone);
        await page.GetByLabel("Parol", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Maxfiylik siyosati" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Ommaviy oferta" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Hisob yaratish" }).ClickAsync();

        // Confirm the address with the link from the e-mail; that signs in and texts the phone code.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Elektron pochtangizni tekshiring" })).ToBeVisibleAsync();
        await page.GotoAsync(await ReadLinkAsync(page.Context, email));
        await page.GetByRole(AriaRole.Button, new() { Name = "Tasdiqlash va davom etish" }).ClickAsync();

        // Verify the phone with the code from the SMS.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Telefon raqamini tasdiqlash" })).ToBeVisibleAsync();
        await page.GetByLabel("SMS-kod (6 raqam)").FillAsync(await ReadCodeAsync(page.Context, phone, messagesSoFar: 1));
        await page.GetByRole(AriaRole.Button, new() { Name = "Tasdiqlash", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Profil", Exact = true })).ToBeVisibleAsync();

        // Turn on two-factor sign-in.
        await page.GetByRole(AriaRole.Link, new() { Name = "Xavfsizlik" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yoqish", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("two-factor-state")).ToHaveTextAsync("Ikki bosqichli kirish yoqilgan.");

        // Sign out, then in again: the password is no longer enough.
        await page.GetByRole(AriaRole.Button, new() { Name = "Chiqish", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kirish", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("Elektron pochta").FillAsync(email);
        await page.GetByLabel("Parol", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirish", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kirishni tasdiqlash" })).ToBeVisibleAsync();
        await page.GetByLabel("SMS-kod (6 raqam)").FillAsync(await ReadCodeAsync(page.Context, phone, messagesSoFar: 2));
        await page.GetByRole(AriaRole.Button, new() { Name = "Tasdiqlash", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Profil", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("Malika Yusupova");
        await Expect(page.GetByTestId("profile-email")).ToHaveTextAsync(email);

        var consents = await app.QueryDatabaseAsync(db =>
            (from consent in db.ConsentRecords
             join user in db.Users on consent.UserId equals user.Id
             where user.Email == email
             select consent.DocumentVersion).ToListAsync());
        consents.ShouldBe(["2026-04-12", "2026-04-12"]);
    }

    [Fact]
    public async Task The_sign_up_form_links_the_legal_texts_the_app_serves_as_utf8()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/sign-up");

        string[] documents = ["/legal/privacy-policy-2026-04-12.txt", "/legal/public-offer-2026-04-12.txt"];
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Maxfiylik siyosati" })).ToHaveAttributeAsync("href", documents[0]);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ommaviy oferta" })).ToHaveAttributeAsync("href", documents[1]);
        foreach (var document in documents)
        {
            var response = await page.APIRequest.GetAsync(document);
            response.Status.ShouldBe(200);
            response.Headers["content-type"].ShouldBe("text/plain; charset=utf-8");
            (await response.TextAsync()).ShouldContain("Uzbekistan");
        }
    }

    /// <summary>
    /// Reads the newest SMS code to <paramref name="phone"/> the way a developer would: on the Dev outbox page, in
    /// another tab of the same browser, once <paramref name="messagesSoFar"/> messages have arrived.
    /// </summary>
    private static async Task<string> ReadCodeAsync(IBrowserContext context, string phone, int messagesSoFar)
    {
        var tab = await context.NewPageAsync();
        await tab.GotoAsync("/dev/outbox?to=" + Uri.EscapeDataString(phone));
        var bodies = tab.GetByTestId("outbox-body");
        await Expect(bodies).ToHaveCountAsync(messagesSoFar);
        var newest = await bodies.First.TextContentAsync();
        await tab.CloseAsync();
        return SixDigits().Match(newest!).Value;
    }

    /// <summary>The first link in the newest e-mail to <paramref name="email"/>, read on the Dev outbox page in another tab.</summary>
    private static async Task<string> ReadLinkAsync(IBrowserContext context, string email)
    {
        var tab = await context.NewPageAsync();
        await tab.GotoAsync("/dev/outbox?to=" + Uri.EscapeDataString(email));
        var bodies = tab.GetByTestId("outbox-body");
        await Expect(bodies).ToHaveCountAsync(1);
        var body = await bodies.First.TextContentAsync();
        await tab.CloseAsync();
        return Link().Match(body!).Value;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
