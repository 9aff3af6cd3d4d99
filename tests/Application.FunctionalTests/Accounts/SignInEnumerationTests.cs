using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VirtuOps.Infrastructure.Data;
using VirtuOps.Infrastructure.Identity;

namespace Application.FunctionalTests.Accounts;

/// <summary>The app with a password hasher that counts how often a password is checked.</summary>
public sealed class CountingPasswordHasherApiFactory : VirtuOpsApiFactory
{
    public CountingPasswordHasher Hasher { get; } = new();

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        // These tests sign in far more often than a person does; the per-IP limit is another test's business.
        builder.UseSetting("RateLimits:AuthPerMinute", "1000");
        builder.ConfigureTestServices(services => services.AddScoped<IPasswordHasher<ApplicationUser>>(provider =>
            Hasher.Around(new PasswordHasher<ApplicationUser>(provider.GetRequiredService<IOptions<PasswordHasherOptions>>()))));
    }
}

public sealed class CountingPasswordHasher
{
    private int _verifications;
    private int _hashes;

    public int Verifications => Volatile.Read(ref _verifications);

    public int Hashes => Volatile.Read(ref _hashes);

    public void Reset()
    {
        Volatile.Write(ref _verifications, 0);
        Volatile.Write(ref _hashes, 0);
    }

    public IPasswordHasher<ApplicationUser> Around(IPasswordHasher<ApplicationUser> inner) => new Counting(this, inner);

    private sealed class Counting(CountingPasswordHasher counter, IPasswordHasher<ApplicationUser> inner) : IPasswordHasher<ApplicationUser>
    {
        public string HashPassword(ApplicationUser user, string password)
        {
            Interlocked.Increment(ref counter._hashes);
            return inner.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref counter._verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

/// <summary>
/// Sign-up and sign-in answers must not tell whether an e-mail address has an account: not by status, body, time
/// or lockout.
/// </summary>
public sealed class SignInEnumerationTests(CountingPasswordHasherApiFactory factory) : IClassFixture<CountingPasswordHasherApiFactory>
{
    private const string WrongPassword = "Wrong-password-1";

    /// <summary>Status, Retry-After and the problem body without its per-request trace and request ids.</summary>
    private static async Task<string> AnswerOf(HttpResponseMessage response)
    {
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        body.Remove("traceId");
        body.Remove("requestId");
        return $"{(int)response.StatusCode} retry-after={response.Headers.RetryAfter} {body.ToJsonString()}";
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_address_get_the_same_answer()
    {
        using var client = new SpaClient(factory);

        var known = await AnswerOf(await client.SignInAsync(DemoDataSeeder.DemoOwnerEmail, WrongPassword));
        var unknown = await AnswerOf(await client.SignInAsync("nobody-here@example.uz", WrongPassword));

        unknown.ShouldBe(known);
        known.ShouldStartWith("401 ");
    }

    [Fact]
    public async Task An_unknown_address_costs_a_password_check_like_a_known_one()
    {
        using var client = new SpaClient(factory);

        factory.Hasher.Reset();
        await client.SignInAsync(DemoDataSeeder.DemoOwnerEmail, WrongPassword);
        var forKnown = factory.Hasher.Verifications;
        factory.Hasher.Reset();
        await client.SignInAsync("nobody-timed@example.uz", WrongPassword);
        var forUnknown = factory.Hasher.Verifications;

        forKnown.ShouldBe(1);
        forUnknown.ShouldBe(forKnown);
    }

    [Fact]
    public async Task Five_failures_lock_a_known_and_an_unknown_address_alike()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("lock-known@example.uz", "+998901000040");
        using var client = new SpaClient(factory);

        var known = new List<string>();
        var unknown = new List<string>();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            known.Add(await AnswerOf(await client.SignInAsync("lock-known@example.uz", WrongPassword)));
            unknown.Add(await AnswerOf(await client.SignInAsync("lock-unknown@example.uz", WrongPassword)));
        }

        unknown.ShouldBe(known);
        known.Take(4).ShouldAllBe(answer => answer.StartsWith("401 ", StringComparison.Ordinal));
        known.Skip(4).ShouldAllBe(answer => answer.StartsWith("429 ", StringComparison.Ordinal));
        // Locked means locked: the right password does not get through either.
        (await client.SignInAsync("lock-known@example.uz", SpaClient.StrongPassword)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task The_lockout_answer_tells_how_long_the_lock_still_lasts()
    {
        using var client = new SpaClient(factory);
        for (var attempt = 0; attempt < 4; attempt++)
            await client.SignInAsync("lock-wait@example.uz", WrongPassword);

        var locking = await client.SignInAsync("lock-wait@example.uz", WrongPassword);
        factory.Time.Advance(TimeSpan.FromMinutes(10));
        var later = await client.SignInAsync("lock-wait@example.uz", SpaClient.StrongPassword);

        locking.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        locking.Headers.RetryAfter?.Delta.ShouldBe(TimeSpan.FromMinutes(15));
        later.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        later.Headers.RetryAfter?.Delta.ShouldBe(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Concurrent_guesses_get_no_more_password_checks_than_the_lockout_allows()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("lock-burst@example.uz", "+998901000041");
        using var client = new SpaClient(factory);
        // One antiforgery cookie before the burst, not one per parallel request.
        (await client.Http.GetAsync("/api/auth/legal-documents")).EnsureSuccessStatusCode();
        factory.Hasher.Reset();

        var answers = await Task.WhenAll(Enumerable.Range(0, 15).Select(i => client.SignInAsync("lock-burst@example.uz", $"Guess-number-{i}")));

        factory.Hasher.Verifications.ShouldBeLessThanOrEqualTo(5);
        answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized).ShouldBeLessThanOrEqualTo(4);
        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.Unauthorized || a.StatusCode == HttpStatusCode.TooManyRequests);
        (await client.SignInAsync("lock-burst@example.uz", SpaClient.StrongPassword)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task The_lock_ends_after_fifteen_minutes_and_a_right_password_then_starts_a_fresh_count()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("lock-ends@example.uz", "+998901000042");
        using var client = new SpaClient(factory);
        for (var attempt = 0; attempt < 5; attempt++)
            await client.SignInAsync("lock-ends@example.uz", WrongPassword);

        factory.Time.Advance(TimeSpan.FromMinutes(16));

        (await client.SignInAsync("lock-ends@example.uz", SpaClient.StrongPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var other = new SpaClient(factory);
        for (var attempt = 0; attempt < 4; attempt++)
            (await other.SignInAsync("lock-ends@example.uz", WrongPassword)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Signing_up_with_a_taken_address_gets_the_answer_and_the_password_hashing_of_a_new_sign_up()
    {
        using var client = new SpaClient(factory);

        factory.Hasher.Reset();
        var fresh = await client.PostRegistrationAsync("sign-up-fresh@example.uz", "+998901000043");
        var hashesForFresh = factory.Hasher.Hashes;
        factory.Hasher.Reset();
        var taken = await client.PostRegistrationAsync(DemoDataSeeder.DemoOwnerEmail, "+998901000044");
        var hashesForTaken = factory.Hasher.Hashes;

        $"{(int)taken.StatusCode} {await taken.Content.ReadAsStringAsync()}".ShouldBe($"{(int)fresh.StatusCode} {await fresh.Content.ReadAsStringAsync()}");
        hashesForFresh.ShouldBe(1);
        hashesForTaken.ShouldBe(hashesForFresh);
    }
}
