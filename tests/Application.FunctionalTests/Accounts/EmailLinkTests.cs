using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using VirtuOps.Application.Accounts.Queries.GetCurrentAccount;

namespace Application.FunctionalTests.Accounts;

public sealed class EmailLinkTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    private static Dictionary<string, string> QueryOf(Uri link) =>
        QueryHelpers.ParseQuery(link.Query).ToDictionary(q => q.Key, q => q.Value.ToString());

    [Fact]
    public async Task A_reset_link_sets_a_new_password_once()
    {
        using var client = new SpaClient(factory);
        await client.RegisterVerifiedOwnerAsync("forgetful@example.uz", "+998901000020");
        await client.Http.PostAsync("/api/auth/sign-out", null);

        (await client.Http.PostAsJsonAsync("/api/auth/forgot-password", new { email = "forgetful@example.uz" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var link = await client.LatestLinkToAsync("forgetful@example.uz");
        link.AbsolutePath.ShouldBe("/reset-password");
        var query = QueryOf(link);
        var reset = new { userId = query["userId"], token = query["token"], newPassword = "Yangi-parol-2027" };

        (await client.Http.PostAsJsonAsync("/api/auth/reset-password", reset)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var replay = await client.Http.PostAsJsonAsync("/api/auth/reset-password", reset with { newPassword = "Boshqa-parol-2028" });

        replay.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await replay.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys.ShouldBe(["token"]);
        (await client.SignInAsync("forgetful@example.uz", "Boshqa-parol-2028")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.SignInAsync("forgetful@example.uz", "Yangi-parol-2027")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Asking_for_a_reset_of_an_unknown_address_looks_the_same_and_sends_nothing()
    {
        using var client = new SpaClient(factory);

        var response = await client.Http.PostAsJsonAsync("/api/auth/forgot-password", new { email = "nobody@example.uz" });

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await client.MessageCountToAsync("nobody@example.uz")).ShouldBe(0);
    }

    [Fact]
    public async Task A_weak_new_password_is_refused_and_the_link_still_works()
    {
        using var client = new SpaClient(factory);
        await client.RegisterVerifiedOwnerAsync("weak-reset@example.uz", "+998901000021");
        await client.Http.PostAsync("/api/auth/sign-out", null);
        await client.Http.PostAsJsonAsync("/api/auth/forgot-password", new { email = "weak-reset@example.uz" });
        var query = QueryOf(await client.LatestLinkToAsync("weak-reset@example.uz"));

        var weak = await client.Http.PostAsJsonAsync("/api/auth/reset-password", new { userId = query["userId"], token = query["token"], newPassword = "123" });
        weak.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await weak.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys.ShouldBe(["newPassword"]);

        var strong = await client.Http.PostAsJsonAsync("/api/auth/reset-password", new { userId = query["userId"], token = query["token"], newPassword = "Yangi-parol-2027" });
        strong.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task An_email_change_happens_only_through_the_link_sent_to_the_new_address()
    {
        using var client = new SpaClient(factory);
        await client.RegisterVerifiedOwnerAsync("old-address@example.uz", "+998901000022");

        (await client.Http.PostAsJsonAsync("/api/account/email", new { newEmail = "new-address@example.uz" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await client.GetAsync<CurrentAccountDto>("/api/account/me"))!.Email.ShouldBe("old-address@example.uz");
        var query = QueryOf(await client.LatestLinkToAsync("new-address@example.uz"));
        var confirm = new { userId = query["userId"], newEmail = query["email"], token = query["token"] };

        (await client.Http.PostAsJsonAsync("/api/auth/confirm-email", confirm)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.Http.PostAsJsonAsync("/api/auth/confirm-email", confirm)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        await client.Http.PostAsync("/api/auth/sign-out", null);
        (await client.SignInAsync("new-address@example.uz", SpaClient.StrongPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync<CurrentAccountDto>("/api/account/me"))!.Email.ShouldBe("new-address@example.uz");
    }

    [Fact]
    public async Task Changing_to_an_address_another_account_uses_looks_the_same_sends_no_link_and_tells_that_address()
    {
        using var client = new SpaClient(factory);
        await client.RegisterVerifiedOwnerAsync("taken-a@example.uz", "+998901000023");
        var free = await client.Http.PostAsJsonAsync("/api/account/email", new { newEmail = "free-b@example.uz" });

        var taken = await client.Http.PostAsJsonAsync("/api/account/email", new { newEmail = "demo@virtuops.uz" });

        taken.StatusCode.ShouldBe(free.StatusCode);
        (await taken.Content.ReadAsStringAsync()).ShouldBe(await free.Content.ReadAsStringAsync());
        var notice = await client.LatestMessageToAsync("demo@virtuops.uz");
        notice.Subject!.ShouldContain("This address already has an account");
        notice.Body.ShouldNotContain("http");
        (await client.GetAsync<CurrentAccountDto>("/api/account/me"))!.Email.ShouldBe("taken-a@example.uz");
    }

    [Fact]
    public async Task Changing_to_the_address_one_already_has_is_a_field_error()
    {
        using var client = new SpaClient(factory);
        await client.RegisterVerifiedOwnerAsync("same-address@example.uz", "+998901000024");

        var response = await client.Http.PostAsJsonAsync("/api/account/email", new { newEmail = "Same-Address@example.uz" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys.ShouldBe(["newEmail"]);
    }
}
