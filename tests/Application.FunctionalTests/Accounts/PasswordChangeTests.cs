using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Accounts.Queries.GetCurrentAccount;
using VirtuOps.Application.ApiKeys.Commands.CreateApiKey;

namespace Application.FunctionalTests.Accounts;

public sealed class PasswordChangeApiFactory : VirtuOpsApiFactory
{
    // These tests check passwords far more often than a person does; the per-IP limit is RateLimitTests' business.
    protected override void ConfigureSettings(IWebHostBuilder builder) => builder.UseSetting("RateLimits:AuthPerMinute", "1000");
}

/// <summary>A signed-in person changes their password from the profile page.</summary>
public sealed class PasswordChangeTests(PasswordChangeApiFactory factory) : IClassFixture<PasswordChangeApiFactory>
{
    private const string Iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1";
    private const string NewPassword = "Yangi-parol-2027";

    private static Task<HttpResponseMessage> ChangePasswordAsync(SpaClient client, string currentPassword, string? newPassword) =>
        client.Http.PostAsJsonAsync("/api/account/password", new { currentPassword, newPassword });

    private async Task<HttpStatusCode> SignInStatusAsync(string email, string password)
    {
        using var browser = new SpaClient(factory);
        return (await browser.SignInAsync(email, password)).StatusCode;
    }

    [Fact]
    public async Task Changing_the_password_signs_other_browsers_out_and_keeps_this_one_signed_in()
    {
        using var laptop = new SpaClient(factory);
        using var phone = new SpaClient(factory, Iphone);
        await laptop.RegisterVerifiedOwnerAsync("change-sessions@example.uz", "+998901000050");
        (await phone.SignInAsync("change-sessions@example.uz", SpaClient.StrongPassword)).EnsureSuccessStatusCode();

        var change = await ChangePasswordAsync(laptop, SpaClient.StrongPassword, NewPassword);

        change.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await phone.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var me = await laptop.GetAsync<CurrentAccountDto>("/api/account/me");
        (await factory.QueryDatabaseAsync(db => db.UserSessions.CountAsync(s => s.UserId == me!.UserId && s.EndedAt == null))).ShouldBe(1);
        // This browser's cookie was re-issued for the new security stamp, so the periodic stamp check keeps it too.
        factory.Time.Advance(TimeSpan.FromMinutes(31));
        (await laptop.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await laptop.Http.PutAsJsonAsync("/api/account/profile", new { fullName = "Aziza Karimova-Yusupova" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await SignInStatusAsync("change-sessions@example.uz", SpaClient.StrongPassword)).ShouldBe(HttpStatusCode.Unauthorized);
        (await SignInStatusAsync("change-sessions@example.uz", NewPassword)).ShouldBe(HttpStatusCode.OK);
        var notice = await laptop.LatestMessageToAsync("change-sessions@example.uz");
        notice.Subject.ShouldNotBeNull().ShouldContain("Your password was changed");
        notice.Body.ShouldNotContain(NewPassword);
    }

    [Fact]
    public async Task A_wrong_current_password_is_a_field_error_and_changes_nothing()
    {
        using var laptop = new SpaClient(factory);
        using var phone = new SpaClient(factory, Iphone);
        await laptop.RegisterVerifiedOwnerAsync("change-wrong@example.uz", "+998901000051");
        (await phone.SignInAsync("change-wrong@example.uz", SpaClient.StrongPassword)).EnsureSuccessStatusCode();
        var mailsBefore = await laptop.MessageCountToAsync("change-wrong@example.uz");

        var change = await ChangePasswordAsync(laptop, "Not-my-password-1", NewPassword);

        change.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = (await change.Content.ReadFromJsonAsync<ValidationProblem>())!;
        problem.Errors.Keys.ShouldBe(["currentPassword"]);
        (await phone.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await laptop.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await laptop.MessageCountToAsync("change-wrong@example.uz")).ShouldBe(mailsBefore);
        (await SignInStatusAsync("change-wrong@example.uz", NewPassword)).ShouldBe(HttpStatusCode.Unauthorized);
        (await SignInStatusAsync("change-wrong@example.uz", SpaClient.StrongPassword)).ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(1, "short-1")]
    [InlineData(2, "only-letters-here")]
    [InlineData(3, null)]
    [InlineData(4, "Kuchli-parol-2026")] // the current one
    public async Task A_new_password_must_follow_the_password_rules_and_differ_from_the_current_one(int owner, string? newPassword)
    {
        using var laptop = new SpaClient(factory);
        var email = $"change-rules-{owner}@example.uz";
        await laptop.RegisterVerifiedOwnerAsync(email, $"+99890100010{owner}");

        var change = await ChangePasswordAsync(laptop, SpaClient.StrongPassword, newPassword);

        change.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await change.Content.ReadFromJsonAsync<ValidationProblem>())!.Errors.Keys.ShouldBe(["newPassword"]);
        (await SignInStatusAsync(email, SpaClient.StrongPassword)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Wrong_current_passwords_count_towards_the_sign_in_lockout_so_a_stolen_session_cannot_guess_freely()
    {
        using var laptop = new SpaClient(factory);
        await laptop.RegisterVerifiedOwnerAsync("change-guess@example.uz", "+998901000052");

        var guesses = new List<HttpStatusCode>();
        for (var guess = 0; guess < 5; guess++)
            guesses.Add((await ChangePasswordAsync(laptop, $"Guess-number-{guess}", NewPassword)).StatusCode);
        var rightButLocked = await ChangePasswordAsync(laptop, SpaClient.StrongPassword, NewPassword);

        guesses.ShouldBe([.. Enumerable.Repeat(HttpStatusCode.BadRequest, 4), HttpStatusCode.TooManyRequests]);
        rightButLocked.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        rightButLocked.Headers.RetryAfter?.Delta.ShouldBe(TimeSpan.FromMinutes(15));
        (await SignInStatusAsync("change-guess@example.uz", SpaClient.StrongPassword)).ShouldBe(HttpStatusCode.TooManyRequests);

        factory.Time.Advance(TimeSpan.FromMinutes(16));
        (await ChangePasswordAsync(laptop, SpaClient.StrongPassword, NewPassword)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task An_api_key_cannot_change_a_password()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("change-key@example.uz", "+998901000053");
        var created = await owner.Http.PostAsJsonAsync("/api/api-keys", new { name = "CRM", scopes = new[] { "Read", "Write" } });
        var key = (await created.Content.ReadFromJsonAsync<CreatedApiKeyDto>(SpaClient.Json))!.Key;
        using var integrator = factory.CreateClient();
        integrator.DefaultRequestHeaders.Add("X-Api-Key", key);

        var change = await integrator.PostAsJsonAsync("/api/account/password", new { currentPassword = SpaClient.StrongPassword, newPassword = NewPassword });

        change.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await owner.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SignInStatusAsync("change-key@example.uz", SpaClient.StrongPassword)).ShouldBe(HttpStatusCode.OK);
    }

    private sealed record ValidationProblem(Dictionary<string, string[]> Errors);
}
