using System.Net;
using System.Net.Http.Json;
using VirtuOps.Application.Accounts.Commands.SignIn;
using VirtuOps.Application.Accounts.Queries.GetCurrentAccount;
using VirtuOps.Application.Sessions.Queries.GetMySessions;
using VirtuOps.Infrastructure.Data;

namespace Application.FunctionalTests.Accounts;

public sealed class SignInTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    [Fact]
    public async Task An_owner_without_two_factor_signs_in_and_out()
    {
        using var client = new SpaClient(factory);

        var signIn = await client.SignInAsync(DemoDataSeeder.DemoOwnerEmail, DemoDataSeeder.DemoPassword);

        (await signIn.Content.ReadFromJsonAsync<SignInResultDto>())!.RequiresCode.ShouldBeFalse();
        (await client.GetAsync<CurrentAccountDto>("/api/account/me"))!.Email.ShouldBe(DemoDataSeeder.DemoOwnerEmail);

        (await client.Http.PostAsync("/api/auth/sign-out", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_wrong_password_is_a_401_problem()
    {
        using var client = new SpaClient(factory);

        var response = await client.SignInAsync(DemoDataSeeder.DemoOwnerEmail, "Not-the-password-1");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await client.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        using var client = new SpaClient(factory);
        await client.RegisterVerifiedOwnerAsync("lockout@example.uz", "+998901000010");
        await client.Http.PostAsync("/api/auth/sign-out", null);

        for (var attempt = 0; attempt < 5; attempt++)
            await client.SignInAsync("lockout@example.uz", "Wrong-password-1");
        var response = await client.SignInAsync("lockout@example.uz", SpaClient.StrongPassword);

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Headers.Contains("Retry-After").ShouldBeTrue();
        (await client.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task With_two_factor_on_the_texted_code_completes_the_sign_in()
    {
        using var client = new SpaClient(factory);
        const string phone = "+998901000011";
        await client.RegisterVerifiedOwnerAsync("twofactor@example.uz", phone);
        (await client.Http.PutAsJsonAsync("/api/account/two-factor", new { enabled = true })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await client.Http.PostAsync("/api/auth/sign-out", null);
        factory.Time.Advance(TimeSpan.FromMinutes(2)); // past the resend cooldown of the verification code

        var first = await client.SignInAsync("twofactor@example.uz", SpaClient.StrongPassword);
        var result = await first.Content.ReadFromJsonAsync<SignInResultDto>();
        result!.RequiresCode.ShouldBeTrue();
        result.MaskedPhoneNumber.ShouldEndWith("11");
        (await client.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var code = await client.LatestCodeAsync(phone);
        var wrong = await client.Http.PostAsJsonAsync("/api/auth/sign-in/code", new { code = code == "123456" ? "654321" : "123456" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var right = await client.Http.PostAsJsonAsync("/api/auth/sign-in/code", new { code });

        right.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetAsync<CurrentAccountDto>("/api/account/me"))!.TwoFactorEnabled.ShouldBeTrue();
    }

    [Fact]
    public async Task A_code_without_a_pending_sign_in_is_refused()
    {
        using var client = new SpaClient(factory);

        var response = await client.Http.PostAsJsonAsync("/api/auth/sign-in/code", new { code = "123456" });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Platform_staff_always_need_the_code()
    {
        using var client = new SpaClient(factory);

        var response = await client.SignInAsync(DemoDataSeeder.DemoAdminEmail, DemoDataSeeder.DemoPassword);

        (await response.Content.ReadFromJsonAsync<SignInResultDto>())!.RequiresCode.ShouldBeTrue();
        var signedIn = await client.Http.PostAsJsonAsync("/api/auth/sign-in/code", new { code = await client.LatestCodeAsync("+998901112233") });
        signedIn.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.Http.PutAsJsonAsync("/api/account/two-factor", new { enabled = false })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Ending_a_session_signs_that_browser_out_and_keeps_the_history()
    {
        using var laptop = new SpaClient(factory);
        using var phone = new SpaClient(factory, userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1");
        await laptop.RegisterVerifiedOwnerAsync("sessions@example.uz", "+998901000012");
        (await phone.SignInAsync("sessions@example.uz", SpaClient.StrongPassword)).EnsureSuccessStatusCode();

        var sessions = (await laptop.GetAsync<List<SessionDto>>("/api/account/sessions"))!;
        sessions.Count.ShouldBe(2);
        var phoneSession = sessions.Single(s => s.UserAgent!.Contains("iPhone"));
        phoneSession.IsCurrent.ShouldBeFalse();

        (await laptop.Http.DeleteAsync($"/api/account/sessions/{phoneSession.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await phone.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await laptop.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var history = (await laptop.GetAsync<List<SessionDto>>("/api/account/sessions"))!;
        history.Single(s => s.Id == phoneSession.Id).EndedAt.ShouldNotBeNull();
    }
}
