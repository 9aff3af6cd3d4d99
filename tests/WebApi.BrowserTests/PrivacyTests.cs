using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace WebApi.BrowserTests;

/// <summary>The Privacy centre in a real browser; a fixture of its own, since the owner erases the demo company here.</summary>
public sealed partial class PrivacyTests(LiveAppFixture app) : IClassFixture<LiveAppFixture>
{
    private const string OwnerEmail = "demo@virtuops.uz";
    private const string Password = "Demo-parol-2026";

    // Playwright's web-first assertions retry until the page shows what is expected (or time out).
    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [Fact]
    public async Task The_owner_downloads_an_export_of_the_company_then_asks_for_erasure_and_is_signed_out_with_the_date_it_happens()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Elektron pochta").FillAsync(OwnerEmail);
        await page.GetByLabel("Parol", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirish", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Maxfiylik", Exact = true }).ClickAsync();

        // Export: the page follows the background build until the zip can be downloaded.
        var export = page.GetByRole(AriaRole.Region, new() { Name = "Maʼlumotlarim nusxasi" });
        await export.GetByRole(AriaRole.Button, new() { Name = "Maʼlumotlarimni eksport qilish" }).ClickAsync();
        await Expect(export.GetByTestId("data-export-state")).ToContainTextAsync("Eksport tayyorlanmoqda.");
        var downloadLink = export.GetByRole(AriaRole.Link, new() { NameRegex = ZipLinkName() });
        await Expect(downloadLink).ToBeVisibleAsync(new() { Timeout = 60_000 });

        var download = await page.RunAndWaitForDownloadAsync(() => downloadLink.ClickAsync());
        download.SuggestedFilename.ShouldEndWith(".zip");
        using (var zip = ZipFile.OpenRead(await download.PathAsync()))
        {
            var files = zip.Entries.Select(entry => entry.FullName).ToList();
            files.ShouldContain("README.txt");
            files.ShouldContain("tenant.json");
            files.ShouldContain("users.json");
            files.ShouldContain("bots.json");
            files.ShouldContain("conversations.csv");
            files.ShouldContain("messages.csv");
            using var users = new StreamReader(zip.GetEntry("users.json")!.Open());
            (await users.ReadToEndAsync()).ShouldContain(OwnerEmail);
        }

        // Erasure: the password again, a confirmation, then signed out with the date the data goes.
        var erasure = page.GetByRole(AriaRole.Region, new() { Name = "Hisobimni oʻchirish" });
        await erasure.GetByLabel("Parolingiz").FillAsync(Password);
        await erasure.GetByRole(AriaRole.Button, new() { Name = "Hisobimni oʻchirish" }).ClickAsync();
        await page.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { Name = "Hisobimni oʻchirish" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Oʻchirish rejalashtirildi" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("erasure-scheduled")).ToContainTextAsync("Kompaniyangiz va uning barcha maʼlumotlari oʻchiriladigan vaqt:");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Kirish", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToHaveCountAsync(0);

        var pending = await app.QueryDatabaseAsync(db => db.ErasureRequests.IgnoreQueryFilters()
            .Where(r => r.CancelledAt == null && r.CompletedAt == null).Select(r => r.PurgeAfter).ToListAsync());
        var purgeAfter = pending.ShouldHaveSingleItem();
        var shown = await page.GetByTestId("erasure-scheduled").Locator("time").GetAttributeAsync("datetime");
        DateTimeOffset.Parse(shown!, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(purgeAfter, TimeSpan.FromSeconds(1));
    }

    [GeneratedRegex("^Zip arxivni yuklab olish")]
    private static partial Regex ZipLinkName();
}
