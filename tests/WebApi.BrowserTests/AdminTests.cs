using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.PrivacyRequests;
using VirtuOps.Domain.Tenants;

namespace WebApi.BrowserTests;

public sealed partial class AdminTests(LiveAppFixture app) : IClassFixture<LiveAppFixture>
{
    private const string AdminPhone = "+998901112233";

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [Fact]
    public async Task The_admin_signs_in_with_the_sms_code_lands_in_the_back_office_finds_a_tenant_extends_its_trial_and_answers_a_data_request()
    {
        // A customer on a trial, as sign-up leaves it.
        var tenant = Tenant.Create("Samarqand Kitob Uyi");
        await app.QueryDatabaseAsync(db =>
        {
            db.Tenants.Add(tenant);
            db.Subscriptions.Add(Subscription.StartTrial(tenant.Id, "biznes", DateTimeOffset.UtcNow, 14));
            return db.SaveChangesAsync();
        });
        var page = await app.NewPageAsync();

        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Elektron pochta").FillAsync("admin@virtuops.uz");
        await page.GetByLabel("Parol", new() { Exact = true }).FillAsync("Demo-parol-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirish", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kirishni tasdiqlash" })).ToBeVisibleAsync();
        await page.GetByLabel("SMS-kod (6 raqam)").FillAsync(await ReadCodeAsync(page.Context, AdminPhone));
        await page.GetByRole(AriaRole.Button, new() { Name = "Tasdiqlash", Exact = true }).ClickAsync();

        // Staff land in the back-office, not on a tenant's pages.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mijozlar" })).ToBeVisibleAsync();
        await page.GetByLabel("Nomi, ID, e-mail yoki telefon").FillAsync("kitob uyi");
        await page.GetByRole(AriaRole.Button, new() { Name = "Topish" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Samarqand Kitob Uyi" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Samarqand Kitob Uyi" })).ToBeVisibleAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Sinov muddatini uzaytirish" });
        await form.GetByLabel("Sinov muddati bugundan shuncha kungacha (1–90)").FillAsync("30");
        await form.GetByLabel("Sabab (audit jurnaliga yoziladi)").FillAsync("The customer asked for more time to connect WhatsApp");
        await form.GetByRole(AriaRole.Button, new() { Name = "Sinov muddatini uzaytirish" }).ClickAsync();
        await Expect(form.GetByRole(AriaRole.Status)).ToContainTextAsync("Sinov muddati endi tugaydi:");

        var trialEnd = await app.QueryDatabaseAsync(db =>
            db.Subscriptions.IgnoreQueryFilters().Where(s => s.TenantId == tenant.Id).Select(s => s.CurrentPeriodEnd).SingleAsync());
        trialEnd.ShouldBe(new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(31));
        var reason = await app.QueryDatabaseAsync(db =>
            db.StaffAuditLog.Where(e => e.TenantId == tenant.Id && e.Operation == "POST /api/admin/tenants/{id}/extend-trial").Select(e => e.Reason).SingleAsync());
        reason.ShouldBe("The customer asked for more time to connect WhatsApp");

        // A data-subject request falling due: the admin takes it on and answers it from the queue, after a confirmation.
        var now = DateTimeOffset.UtcNow;
        var request = PrivacyRequest.Receive(PrivacyRequestKind.Access, null, null, "kitob-mijoz@example.uz", "Maʼlumotlarimni yuboring",
            now, now.AddDays(2), now.AddDays(1));
        await app.QueryDatabaseAsync(db =>
        {
            db.PrivacyRequests.Add(request);
            return db.SaveChangesAsync();
        });
        await page.GetByRole(AriaRole.Link, new() { Name = "Maʼlumotlar boʻyicha soʻrovlar" }).ClickAsync();
        var row = page.GetByTestId("privacy-request").Filter(new() { HasText = "kitob-mijoz@example.uz" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Oʻzimga olish" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Menga biriktirilgan");
        await row.GetByRole(AriaRole.Button, new() { Name = "Javob berish" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Alertdialog, new() { Name = "Javob yuborilsinmi?" });
        await dialog.GetByLabel("Javob", new() { Exact = true }).FillAsync("Maʼlumotlaringiz nusxasi ilova qilindi.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Javobni yuborish" }).ClickAsync();

        await Expect(row).ToHaveCountAsync(0);
        var answered = await app.QueryDatabaseAsync(db => db.PrivacyRequests.Where(r => r.Id == request.Id).Select(r => new { r.Status, r.Answer }).SingleAsync());
        (answered.Status, answered.Answer).ShouldBe((PrivacyRequestStatus.Answered, "Maʼlumotlaringiz nusxasi ilova qilindi."));
    }

    /// <summary>The newest SMS code to <paramref name="phone"/>, read on the Dev outbox page in another tab.</summary>
    private static async Task<string> ReadCodeAsync(IBrowserContext context, string phone)
    {
        var tab = await context.NewPageAsync();
        await tab.GotoAsync("/dev/outbox?to=" + Uri.EscapeDataString(phone));
        var bodies = tab.GetByTestId("outbox-body");
        await Expect(bodies).ToHaveCountAsync(1);
        var newest = await bodies.First.TextContentAsync();
        await tab.CloseAsync();
        return SixDigits().Match(newest!).Value;
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
