using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;

namespace Application.FunctionalTests.Accounts;

/// <summary>The app with low limits, so a test can reach them.</summary>
public sealed class LowRateLimitsApiFactory : VirtuOpsApiFactory
{
    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("RateLimits:AuthPerMinute", "3");
        builder.UseSetting("RateLimits:CodeChecksPerFiveMinutes", "3");
        builder.UseSetting("RateLimits:EmailsPerTenMinutes", "2");
        builder.UseSetting("RateLimits:DemoRequestsPerHour", "2");
    }
}

public sealed class RateLimitTests(LowRateLimitsApiFactory factory) : IClassFixture<LowRateLimitsApiFactory>
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_with_retry_after_and_other_addresses_are_unaffected()
    {
        using var client = new SpaClient(factory);
        client.Http.DefaultRequestHeaders.Add(VirtuOpsApiFactory.ClientIpHeader, "203.0.113.7");

        for (var attempt = 0; attempt < 3; attempt++)
            (await client.SignInAsync("nobody@example.uz", "Wrong-password-1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var limited = await client.SignInAsync("nobody@example.uz", "Wrong-password-1");

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
        limited.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");

        using var elsewhere = new SpaClient(factory);
        elsewhere.Http.DefaultRequestHeaders.Add(VirtuOpsApiFactory.ClientIpHeader, "198.51.100.9");
        (await elsewhere.SignInAsync("nobody@example.uz", "Wrong-password-1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Code_checks_are_limited_per_account()
    {
        using var client = new SpaClient(factory);
        client.Http.DefaultRequestHeaders.Add(VirtuOpsApiFactory.ClientIpHeader, "203.0.113.50");
        (await client.RegisterAsync("limited-codes@example.uz", "+998901000060")).EnsureSuccessStatusCode();

        for (var attempt = 0; attempt < 3; attempt++)
            (await client.Http.PostAsJsonAsync("/api/account/phone/verify", new { code = "12ab" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var limited = await client.Http.PostAsJsonAsync("/api/account/phone/verify", new { code = await client.LatestCodeAsync("+998901000060") });

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Password_change_tries_are_limited_per_ip_address_like_sign_in()
    {
        using var client = new SpaClient(factory);
        client.Http.DefaultRequestHeaders.Add(VirtuOpsApiFactory.ClientIpHeader, "203.0.113.90");
        // Opening the sign-up link is the first of the three.
        (await client.RegisterAsync("limited-password@example.uz", "+998901000063")).EnsureSuccessStatusCode();

        for (var attempt = 0; attempt < 2; attempt++)
            (await client.Http.PostAsJsonAsync("/api/account/password", new { currentPassword = $"Guess-number-{attempt}", newPassword = "Yangi-parol-2027" }))
                .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var limited = await client.Http.PostAsJsonAsync("/api/account/password", new { currentPassword = SpaClient.StrongPassword, newPassword = "Yangi-parol-2027" });

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task Concurrent_demo_requests_from_one_address_get_exactly_the_limit_through_and_429s_with_retry_after()
    {
        using var client = new SpaClient(factory);
        client.Http.DefaultRequestHeaders.Add(VirtuOpsApiFactory.ClientIpHeader, "203.0.113.60");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => client.Http.PostAsJsonAsync("/api/demo-requests", new
        {
            fullName = "Jasur Toshmatov",
            email = $"spam-{i}@example.uz",
            companyName = "Samarqand Non",
        })));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(2);
        var limited = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        limited.ShouldAllBe(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        limited.ShouldAllBe(r => r.Headers.RetryAfter != null && r.Content.Headers.ContentType!.MediaType == "application/problem+json");
    }

    /// <summary>Signed-in operations that e-mail an address the caller types; each test owner has its own IP and phone.</summary>
    public static TheoryData<string, string, string> EmailingEndpoints => new()
    {
        { "/api/account/email", "203.0.113.70", "+998901000061" },
        { "/api/team/invitations", "203.0.113.71", "+998901000062" },
    };

    [Theory]
    [MemberData(nameof(EmailingEndpoints))]
    public async Task E_mails_to_addresses_a_signed_in_user_types_are_limited_per_account_and_the_refused_one_is_not_sent(string path, string ip, string phone)
    {
        using var owner = new SpaClient(factory);
        owner.Http.DefaultRequestHeaders.Add(VirtuOpsApiFactory.ClientIpHeader, ip);
        var tag = path.Split('/').Last();
        await owner.RegisterVerifiedOwnerAsync($"limited-{tag}@example.uz", phone);
        // One body fits both: an e-mail change reads newEmail, an invitation fullName and email.
        object To(string address) => new { newEmail = address, fullName = "Malika Yusupova", email = address };

        for (var attempt = 0; attempt < 2; attempt++)
            (await owner.Http.PostAsJsonAsync(path, To($"{tag}-{attempt}@example.uz"))).IsSuccessStatusCode.ShouldBeTrue();
        var limited = await owner.Http.PostAsJsonAsync(path, To($"{tag}-victim@example.uz"));

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
        limited.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await owner.MessageCountToAsync($"{tag}-victim@example.uz")).ShouldBe(0);
    }

    [Fact]
    public async Task Password_reset_e_mails_are_limited_per_address_of_the_caller()
    {
        using var client = new SpaClient(factory);
        client.Http.DefaultRequestHeaders.Add(VirtuOpsApiFactory.ClientIpHeader, "203.0.113.80");

        for (var attempt = 0; attempt < 2; attempt++)
            (await client.Http.PostAsJsonAsync("/api/auth/forgot-password", new { email = "demo@virtuops.uz" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var limited = await client.Http.PostAsJsonAsync("/api/auth/forgot-password", new { email = "demo@virtuops.uz" });

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
    }
}
