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
}
