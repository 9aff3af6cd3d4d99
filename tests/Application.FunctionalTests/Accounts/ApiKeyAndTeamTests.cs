using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using VirtuOps.Application.ApiKeys.Commands.CreateApiKey;
using VirtuOps.Application.ApiKeys.Queries.GetApiKeys;
using VirtuOps.Application.Consents.Commands.WithdrawConsent;
using VirtuOps.Application.Consents.Queries.GetMyConsents;
using VirtuOps.Application.Sessions.Queries.GetMySessions;
using VirtuOps.Application.Team.Queries.GetTeamMembers;
using VirtuOps.Application.Tenants.Queries.GetMyTenant;
using VirtuOps.Domain.Consents;

namespace Application.FunctionalTests.Accounts;

public sealed class ApiKeyAndTeamTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    private static async Task<CreatedApiKeyDto> CreateKeyAsync(SpaClient owner, params string[] scopes)
    {
        var response = await owner.Http.PostAsJsonAsync("/api/api-keys", new { name = $"CRM {string.Join('+', scopes)}", scopes });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<CreatedApiKeyDto>(SpaClient.Json))!;
    }

    private HttpClient Integrator(string key)
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    [Fact]
    public async Task An_api_key_acts_for_its_tenant_within_its_scopes_until_revoked()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("keys@example.uz", "+998901000030");
        var readKey = await CreateKeyAsync(owner, "Read");
        var writeKey = await CreateKeyAsync(owner, "Read", "Write");
        readKey.Key.ShouldStartWith(readKey.Prefix);

        using var reader = Integrator(readKey.Key);
        (await reader.GetFromJsonAsync<TenantDto>("/api/tenant"))!.Name.ShouldBe("Oila Market");
        (await reader.PutAsJsonAsync("/api/tenant", new { name = "Hacked" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var writer = Integrator(writeKey.Key);
        (await writer.PutAsJsonAsync("/api/tenant", new { name = "Oila Market Plus" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await reader.GetFromJsonAsync<TenantDto>("/api/tenant"))!.Name.ShouldBe("Oila Market Plus");

        var listed = (await owner.GetAsync<List<ApiKeyDto>>("/api/api-keys"))!;
        listed.Single(k => k.Id == readKey.Id).LastUsedAt.ShouldNotBeNull();
        (await owner.Http.GetStringAsync("/api/api-keys")).ShouldNotContain(readKey.Key);

        (await owner.Http.DeleteAsync($"/api/api-keys/{readKey.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await reader.GetAsync("/api/tenant")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await writer.GetAsync("/api/tenant")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_keys_last_use_is_recorded_to_the_minute_without_a_write_per_request()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("keys-last-use@example.uz", "+998901000039");
        var key = await CreateKeyAsync(owner, "Read");
        using var reader = Integrator(key.Key);
        async Task<DateTimeOffset?> LastUsedAsync() => (await owner.GetAsync<List<ApiKeyDto>>("/api/api-keys"))!.Single(k => k.Id == key.Id).LastUsedAt;
        (await LastUsedAsync()).ShouldBeNull();

        var firstUse = factory.Time.GetUtcNow();
        (await reader.GetAsync("/api/tenant")).StatusCode.ShouldBe(HttpStatusCode.OK);
        factory.Time.Advance(TimeSpan.FromSeconds(30));
        (await reader.GetAsync("/api/tenant")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await LastUsedAsync())!.Value.ShouldBe(firstUse, TimeSpan.FromSeconds(1)); // stored to the database's precision

        factory.Time.Advance(TimeSpan.FromSeconds(31));
        (await reader.GetAsync("/api/tenant")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await LastUsedAsync())!.Value.ShouldBe(firstUse.AddSeconds(61), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task An_api_key_is_not_a_person_so_every_operation_about_the_signed_in_account_refuses_it_and_changes_nothing()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("key-person@example.uz", "+998901000034");
        using var integrator = Integrator((await CreateKeyAsync(owner, "Read", "Write")).Key);
        var sessionId = (await owner.GetAsync<List<SessionDto>>("/api/account/sessions"))!.Single().Id;
        var accountBefore = await owner.Http.GetStringAsync("/api/account/me");
        var consentsBefore = await owner.Http.GetStringAsync("/api/privacy/consents");
        var textsBefore = await owner.MessageCountToAsync("+998901000034");

        // Valid bodies, so that only the caller being a key can be the reason for the answer.
        var bodies = new Dictionary<string, object>
        {
            ["put /api/account/profile"] = new { fullName = "Kalit Egasi" },
            ["put /api/account/phone"] = new { phoneNumber = "+998901000035" },
            ["post /api/account/phone/verify"] = new { code = "123456" },
            ["post /api/account/email"] = new { newEmail = "key-holder@example.uz" },
            ["put /api/account/two-factor"] = new { enabled = true },
            ["post /api/account/password"] = new { currentPassword = SpaClient.StrongPassword, newPassword = "Kalit-parol-2027" },
            ["post /api/privacy/erasure"] = new { password = SpaClient.StrongPassword },
            ["post /api/privacy/requests"] = new { kind = "Other", text = "Sent with a key" },
        };
        var document = JsonNode.Parse(await owner.Http.GetStringAsync("/swagger/v1/swagger.json"))!;
        var personal = document["paths"]!.AsObject()
            .Where(p => p.Key.StartsWith("/api/account/", StringComparison.Ordinal) || p.Key.StartsWith("/api/privacy/", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Select(operation => $"{operation.Key} {p.Key}"))
            // Cancelling an erasure is anonymous: the account is signed out, and its e-mail and password are the proof.
            .Where(operation => operation != "delete /api/privacy/erasure")
            .ToList();
        bodies.Keys.ShouldBeSubsetOf(personal);

        foreach (var operation in personal)
        {
            var (method, path) = (operation.Split(' ')[0], operation.Split(' ')[1]);
            using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()),
                path.Replace("{id}", sessionId.ToString(), StringComparison.Ordinal).Replace("{kind}", "PublicOffer", StringComparison.Ordinal));
            if (bodies.TryGetValue(operation, out var body))
                request.Content = JsonContent.Create(body);
            using var response = await integrator.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, operation);
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", operation);
        }

        (await owner.Http.GetStringAsync("/api/account/me")).ShouldBe(accountBefore);
        (await owner.Http.GetStringAsync("/api/privacy/consents")).ShouldBe(consentsBefore);
        (await owner.GetAsync<List<SessionDto>>("/api/account/sessions"))!.Single().Id.ShouldBe(sessionId);
        (await owner.MessageCountToAsync("+998901000034")).ShouldBe(textsBefore);
        (await owner.MessageCountToAsync("+998901000035")).ShouldBe(0);
        (await owner.MessageCountToAsync("key-holder@example.uz")).ShouldBe(0);
        // ...while the key still does what it is for.
        (await integrator.GetAsync("/api/tenant")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await integrator.PutAsJsonAsync("/api/tenant", new { name = "Kalit Market" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_refusal_names_no_internal_type()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("refusal@example.uz", "+998901000036");
        using var integrator = Integrator((await CreateKeyAsync(owner, "Read")).Key);

        var refused = await integrator.GetAsync("/api/api-keys");

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var body = await refused.Content.ReadAsStringAsync();
        body.ShouldNotContain("Exception");
        body.ShouldNotContain("VirtuOps.");
    }

    [Fact]
    public async Task An_unknown_api_key_is_refused()
    {
        using var stranger = Integrator("vo_not-a-real-key");

        (await stranger.GetAsync("/api/tenant")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_key_without_a_scope_is_a_field_error()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("noscope@example.uz", "+998901000031");

        var response = await owner.Http.PostAsJsonAsync("/api/api-keys", new { name = "Empty", scopes = Array.Empty<string>() });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys.ShouldBe(["scopes"]);
    }

    [Fact]
    public async Task An_invited_agent_sets_a_password_from_the_email_and_works_in_the_team_but_cannot_manage_keys()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("team-owner@example.uz", "+998901000032");

        var invite = await owner.Http.PostAsJsonAsync("/api/team/invitations", new { fullName = "Malika Nazarova", email = "agent@example.uz" });
        invite.StatusCode.ShouldBe(HttpStatusCode.Created);
        var query = QueryHelpers.ParseQuery((await owner.LatestLinkToAsync("agent@example.uz")).Query);

        using var agent = new SpaClient(factory);
        (await agent.Http.PostAsJsonAsync("/api/auth/reset-password", new { userId = query["userId"].ToString(), token = query["token"].ToString(), newPassword = "Agent-parol-2026", acceptPrivacyPolicy = true }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await agent.SignInAsync("agent@example.uz", "Agent-parol-2026")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var members = (await agent.GetAsync<List<TeamMemberDto>>("/api/team/members"))!;
        members.Select(m => (m.Email, m.Role)).ShouldBe([("agent@example.uz", "Agent"), ("team-owner@example.uz", "Owner")], ignoreOrder: true);
        (await agent.Http.GetAsync("/api/api-keys")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await agent.Http.PostAsJsonAsync("/api/team/invitations", new { fullName = "X", email = "x@example.uz" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var agentId = members.Single(m => m.Email == "agent@example.uz").Id;
        (await owner.Http.DeleteAsync($"/api/team/members/{agentId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await agent.Http.GetAsync("/api/team/members")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Withdrawing_a_consent_appends_to_the_history_with_its_effect_and_cannot_be_repeated()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("consent@example.uz", "+998901000033");

        var withdrawal = await owner.Http.PostAsync("/api/privacy/consents/PublicOffer/withdraw", null);

        withdrawal.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await withdrawal.Content.ReadFromJsonAsync<ConsentWithdrawnDto>(SpaClient.Json))!.Effect.ShouldNotBeNullOrWhiteSpace();
        var history = (await owner.GetAsync<List<ConsentRecordDto>>("/api/privacy/consents"))!;
        history.Count.ShouldBe(3);
        history[0].ShouldSatisfyAllConditions(
            c => c.Kind.ShouldBe(ConsentKind.PublicOffer),
            c => c.Action.ShouldBe(ConsentAction.Withdrawn),
            c => c.IpAddress.ShouldNotBeNull());
        (await owner.Http.PostAsync("/api/privacy/consents/PublicOffer/withdraw", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await owner.Http.PostAsync("/api/privacy/consents/Nonsense/withdraw", null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
