using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Accounts.Queries.GetCurrentAccount;

namespace Application.FunctionalTests.Accounts;

/// <summary>A new password or e-mail address ends the sessions the old credentials started.</summary>
public sealed class CredentialChangeSessionTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    private const string Iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1";

    private static Dictionary<string, string> QueryOf(Uri link) =>
        QueryHelpers.ParseQuery(link.Query).ToDictionary(q => q.Key, q => q.Value.ToString());

    [Fact]
    public async Task A_password_reset_signs_every_browser_out_including_the_one_that_reset_it()
    {
        using var laptop = new SpaClient(factory);
        using var phone = new SpaClient(factory, Iphone);
        await laptop.RegisterVerifiedOwnerAsync("reset-sessions@example.uz", "+998901000030");
        (await phone.SignInAsync("reset-sessions@example.uz", SpaClient.StrongPassword)).EnsureSuccessStatusCode();

        (await laptop.Http.PostAsJsonAsync("/api/auth/forgot-password", new { email = "reset-sessions@example.uz" })).EnsureSuccessStatusCode();
        var query = QueryOf(await laptop.LatestLinkToAsync("reset-sessions@example.uz"));
        var reset = await laptop.Http.PostAsJsonAsync("/api/auth/reset-password", new { userId = query["userId"], token = query["token"], newPassword = "Yangi-parol-2027" });

        reset.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await phone.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await laptop.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var userId = Guid.Parse(query["userId"]);
        (await factory.QueryDatabaseAsync(db => db.UserSessions.CountAsync(s => s.UserId == userId && s.EndedAt == null))).ShouldBe(0);

        using var again = new SpaClient(factory, Iphone);
        (await again.SignInAsync("reset-sessions@example.uz", "Yangi-parol-2027")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Confirming_an_email_change_signs_other_browsers_out_and_keeps_the_confirming_one_signed_in()
    {
        using var laptop = new SpaClient(factory);
        using var phone = new SpaClient(factory, Iphone);
        await laptop.RegisterVerifiedOwnerAsync("moving-sessions@example.uz", "+998901000031");
        (await phone.SignInAsync("moving-sessions@example.uz", SpaClient.StrongPassword)).EnsureSuccessStatusCode();

        (await laptop.Http.PostAsJsonAsync("/api/account/email", new { newEmail = "moved-sessions@example.uz" })).EnsureSuccessStatusCode();
        var query = QueryOf(await laptop.LatestLinkToAsync("moved-sessions@example.uz"));
        var confirm = await laptop.Http.PostAsJsonAsync("/api/auth/confirm-email", new { userId = query["userId"], newEmail = query["email"], token = query["token"] });

        confirm.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await phone.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await laptop.GetAsync<CurrentAccountDto>("/api/account/me"))!.Email.ShouldBe("moved-sessions@example.uz");
        // The confirming browser's cookie was re-issued for the new security stamp, so the periodic stamp check
        // (every 30 minutes) keeps it too.
        factory.Time.Advance(TimeSpan.FromMinutes(31));
        (await laptop.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_email_change_confirmed_in_another_browser_signs_every_session_out()
    {
        using var laptop = new SpaClient(factory);
        using var mailApp = new SpaClient(factory, Iphone);
        await laptop.RegisterVerifiedOwnerAsync("moving-elsewhere@example.uz", "+998901000032");

        (await laptop.Http.PostAsJsonAsync("/api/account/email", new { newEmail = "moved-elsewhere@example.uz" })).EnsureSuccessStatusCode();
        var query = QueryOf(await laptop.LatestLinkToAsync("moved-elsewhere@example.uz"));
        var confirm = await mailApp.Http.PostAsJsonAsync("/api/auth/confirm-email", new { userId = query["userId"], newEmail = query["email"], token = query["token"] });

        confirm.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await laptop.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await mailApp.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
