using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using VirtuOps.Application.Accounts.Queries.GetCurrentAccount;

namespace Application.FunctionalTests.Accounts;

public sealed class PhoneVerificationTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    private static async Task<HttpValidationProblemDetails> ExpectCodeErrorAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        problem!.Errors.Keys.ShouldBe(["code"]);
        return problem;
    }

    private static string WrongCode(string code) => code == "000000" ? "111111" : "000000";

    private static async Task<bool> IsVerifiedAsync(SpaClient client) =>
        (await client.GetAsync<CurrentAccountDto>("/api/account/me"))!.PhoneNumberConfirmed;

    [Fact]
    public async Task The_texted_code_verifies_the_phone()
    {
        using var client = new SpaClient(factory);
        await client.RegisterAsync("verify-ok@example.uz", "+998901000001");

        var wrong = await client.Http.PostAsJsonAsync("/api/account/phone/verify", new { code = WrongCode(await client.LatestCodeAsync("+998901000001")) });
        (await ExpectCodeErrorAsync(wrong)).Errors["code"][0].ShouldContain("Attempts left: 4");
        (await IsVerifiedAsync(client)).ShouldBeFalse();

        var right = await client.Http.PostAsJsonAsync("/api/account/phone/verify", new { code = await client.LatestCodeAsync("+998901000001") });

        right.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await IsVerifiedAsync(client)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_code_older_than_five_minutes_is_refused()
    {
        using var client = new SpaClient(factory);
        await client.RegisterAsync("verify-late@example.uz", "+998901000002");
        var code = await client.LatestCodeAsync("+998901000002");

        factory.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var response = await client.Http.PostAsJsonAsync("/api/account/phone/verify", new { code });

        (await ExpectCodeErrorAsync(response)).Errors["code"][0].ShouldContain("expired");
        (await IsVerifiedAsync(client)).ShouldBeFalse();
    }

    [Fact]
    public async Task After_five_wrong_tries_even_the_right_code_is_refused()
    {
        using var client = new SpaClient(factory);
        await client.RegisterAsync("verify-guess@example.uz", "+998901000003");
        var code = await client.LatestCodeAsync("+998901000003");

        for (var attempt = 0; attempt < 5; attempt++)
            await client.Http.PostAsJsonAsync("/api/account/phone/verify", new { code = WrongCode(code) });
        var response = await client.Http.PostAsJsonAsync("/api/account/phone/verify", new { code });

        (await ExpectCodeErrorAsync(response)).Errors["code"][0].ShouldContain("Too many");
        (await IsVerifiedAsync(client)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_new_code_is_sent_no_sooner_than_sixty_seconds_after_the_last()
    {
        using var client = new SpaClient(factory);
        await client.RegisterAsync("verify-resend@example.uz", "+998901000004");

        var tooSoon = await client.Http.PostAsync("/api/account/phone/code", null);
        tooSoon.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(tooSoon.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
        (await client.MessageCountToAsync("+998901000004")).ShouldBe(1);

        factory.Time.Advance(TimeSpan.FromSeconds(61));
        var later = await client.Http.PostAsync("/api/account/phone/code", null);

        later.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.MessageCountToAsync("+998901000004")).ShouldBe(2);
    }

    [Fact]
    public async Task A_malformed_code_is_a_field_error()
    {
        using var client = new SpaClient(factory);
        await client.RegisterAsync("verify-format@example.uz", "+998901000005");

        await ExpectCodeErrorAsync(await client.Http.PostAsJsonAsync("/api/account/phone/verify", new { code = "12ab" }));
    }
}
