using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Accounts.Queries.GetCurrentAccount;
using VirtuOps.Application.Consents.Queries.GetMyConsents;
using VirtuOps.Domain.Consents;

namespace Application.FunctionalTests.Accounts;

public sealed class RegisterTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    [Fact]
    public async Task Signing_up_and_opening_the_emailed_link_creates_the_owner_records_both_acceptances_and_texts_a_code()
    {
        using var client = new SpaClient(factory);

        var response = await client.RegisterAsync("owner@oila.uz", "90 123 45 67");

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var me = await client.Http.GetFromJsonAsync<CurrentAccountDto>("/api/account/me");
        me!.Email.ShouldBe("owner@oila.uz");
        me.PhoneNumber.ShouldBe("+998901234567"); // normalised to E.164, Uzbek by default
        me.PhoneNumberConfirmed.ShouldBeFalse();
        me.Roles.ShouldBe(["Owner"]);
        me.TenantName.ShouldBe("Oila Market");

        var consents = await client.GetAsync<List<ConsentRecordDto>>("/api/privacy/consents");
        consents!.Select(c => (c.Kind, c.Action, c.DocumentVersion)).ShouldBe(
            [(ConsentKind.PrivacyPolicy, ConsentAction.Granted, "2026-04-12"), (ConsentKind.PublicOffer, ConsentAction.Granted, "2026-04-12")],
            ignoreOrder: true);
        consents!.ShouldAllBe(c => c.IpAddress != null && c.UserAgent!.Contains("Chrome"));

        (await client.LatestCodeAsync("+998901234567")).Length.ShouldBe(6);
    }

    public static TheoryData<string, object> BadSignUps => new()
    {
        { "email", new { email = "not-an-email" } },
        { "phoneNumber", new { phoneNumber = "12345" } },
        { "phoneNumber", new { phoneNumber = "+998 71 200 00 00" } }, // a Tashkent landline cannot receive SMS
        { "password", new { password = "short1" } },
        { "password", new { password = "onlyletterslong" } },
        { "acceptedPrivacyPolicyVersion", new { acceptedPrivacyPolicyVersion = (string?)null } },
        { "acceptedPublicOfferVersion", new { acceptedPublicOfferVersion = "2020-01-01" } },
        { "companyName", new { companyName = "" } },
    };

    [Theory]
    [MemberData(nameof(BadSignUps))]
    public async Task A_bad_sign_up_is_refused_with_a_field_error_and_creates_nothing(string field, object change)
    {
        using var client = new SpaClient(factory);
        var body = new Dictionary<string, object?>
        {
            ["fullName"] = "Bahodir Aliyev",
            ["email"] = $"bad-{Guid.NewGuid():N}@example.uz",
            ["password"] = SpaClient.StrongPassword,
            ["phoneNumber"] = "+998935551122",
            ["companyName"] = "Bahodir Savdo",
            ["acceptedPrivacyPolicyVersion"] = "2026-04-12",
            ["acceptedPublicOfferVersion"] = "2026-04-12",
        };
        foreach (var property in change.GetType().GetProperties())
            body[property.Name] = property.GetValue(change);
        var tenantsBefore = await factory.QueryDatabaseAsync(db => db.Tenants.CountAsync());
        var usersBefore = await factory.QueryDatabaseAsync(db => db.Users.CountAsync());

        var response = await client.Http.PostAsJsonAsync("/api/auth/register", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        problem!.Errors.Keys.ShouldBe([field]);
        (await factory.QueryDatabaseAsync(db => db.Tenants.CountAsync())).ShouldBe(tenantsBefore);
        (await factory.QueryDatabaseAsync(db => db.Users.CountAsync())).ShouldBe(usersBefore);
    }

    [Fact]
    public async Task Until_its_emailed_link_is_opened_a_sign_up_cannot_sign_in_and_nobody_is_signed_in()
    {
        using var client = new SpaClient(factory);

        var response = await client.PostRegistrationAsync("unconfirmed@example.uz", "+998935550010");

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await client.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.MessageCountToAsync("+998935550010")).ShouldBe(0);
        (await client.SignInAsync("unconfirmed@example.uz", SpaClient.StrongPassword)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.LatestLinkToAsync("unconfirmed@example.uz")).AbsolutePath.ShouldBe("/confirm-registration");
    }

    [Fact]
    public async Task A_confirmation_link_works_once()
    {
        using var client = new SpaClient(factory);
        (await client.PostRegistrationAsync("confirm-once@example.uz", "+998935550011")).EnsureSuccessStatusCode();
        var query = QueryHelpers.ParseQuery((await client.LatestLinkToAsync("confirm-once@example.uz")).Query);
        var confirm = new { userId = query["userId"].ToString(), token = query["token"].ToString() };

        (await client.Http.PostAsJsonAsync("/api/auth/confirm-registration", confirm)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var replayer = new SpaClient(factory);
        var replay = await replayer.Http.PostAsJsonAsync("/api/auth/confirm-registration", confirm);

        replay.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await replay.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys.ShouldBe(["token"]);
        (await replayer.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.SignInAsync("confirm-once@example.uz", SpaClient.StrongPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_sign_up_with_a_taken_email_gets_the_same_answer_creates_nothing_and_tells_the_owner()
    {
        using var first = new SpaClient(factory);
        var fresh = await first.PostRegistrationAsync("twice@example.uz", "+998935550001");
        (await first.LatestLinkToAsync("twice@example.uz")).AbsolutePath.ShouldBe("/confirm-registration");
        var tenantsBefore = await factory.QueryDatabaseAsync(db => db.Tenants.CountAsync());

        using var second = new SpaClient(factory);
        var taken = await second.PostRegistrationAsync("TWICE@example.uz", "+998935550002", company: "Boshqa");

        taken.StatusCode.ShouldBe(fresh.StatusCode);
        (await taken.Content.ReadAsStringAsync()).ShouldBe(await fresh.Content.ReadAsStringAsync());
        taken.Headers.Location.ShouldBe(fresh.Headers.Location);
        (await factory.QueryDatabaseAsync(db => db.Tenants.CountAsync())).ShouldBe(tenantsBefore);
        (await second.MessageCountToAsync("+998935550002")).ShouldBe(0);
        var notice = await second.LatestMessageToAsync("twice@example.uz");
        notice.Subject!.ShouldContain("This address already has an account");
        notice.Body.ShouldContain("/reset-password?userId=");
        notice.Body.ShouldNotContain("/confirm-registration");
    }

    [Fact]
    public async Task A_state_changing_request_without_the_antiforgery_header_is_refused()
    {
        using var http = factory.CreateClient();

        var response = await http.PostAsJsonAsync("/api/auth/sign-in", new { email = "demo@virtuops.uz", password = "Demo-parol-2026", rememberMe = false });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("antiforgery");
    }
}
