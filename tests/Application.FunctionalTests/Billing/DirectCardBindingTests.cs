using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using VirtuOps.Application.Billing.Commands.CompleteCheckout;
using VirtuOps.Application.Billing.Commands.StartCardBinding;
using VirtuOps.Application.Billing.Queries.GetBilling;
using VirtuOps.Application.Billing.Trials;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Tenants;
using VirtuOps.Infrastructure.Paylov.Sandbox;

namespace Application.FunctionalTests.Billing;

/// <summary>The app with our card form (<c>Paylov:CardBinding = Direct</c>) on the in-process sandbox, every log line kept.</summary>
internal sealed class DirectBindingApiFactory : VirtuOpsApiFactory
{
    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Paylov:CardBinding", "Direct");
        // Everything any component logs, at every level, is kept for the tests to search.
        builder.UseSetting("Logging:LogLevel:Default", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Trace");
        builder.ConfigureTestServices(services => services.AddFakeLogging());
    }

    /// <summary>Every log line so far: message, exception and structured values.</summary>
    public string Logs() => string.Join('\n', Services.GetFakeLogCollector().GetSnapshot()
        .Select(r => $"{r.Message} {r.Exception} {string.Join(' ', r.StructuredState?.Select(s => s.Value) ?? [])}"));
}

/// <summary>Our card form, Paylov's SMS code, the first payment: the number passes through and is kept nowhere.</summary>
public sealed class DirectCardBindingTests : IAsyncLifetime
{
    private const string Typed = "8600 0000 0000 0031"; // the sandbox card that asks for its SMS code
    private const string Digits = SandboxCards.RequiresOtp;

    private readonly DirectBindingApiFactory factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => factory.DisposeAsync().AsTask();

    private async Task<SpaClient> OwnerAsync(string email, string phone)
    {
        var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync(email, phone);
        return owner;
    }

    /// <summary>The trial ran out without a card: the trial job put the tenant behind the paywall; the owner signs in again.</summary>
    private async Task<SpaClient> OwnerAfterTrialAsync(string email, string phone)
    {
        (await OwnerAsync(email, phone)).Dispose();
        factory.Time.Advance(TimeSpan.FromDays(15));
        await using (var scope = factory.Services.CreateAsyncScope())
            (await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new EndTrialsCommand())).Expired.ShouldBe(1);
        var owner = new SpaClient(factory);
        (await owner.SignInAsync(email, SpaClient.StrongPassword)).EnsureSuccessStatusCode();
        return owner;
    }

    private static Task<HttpResponseMessage> PostCardAsync(SpaClient owner, string number = Typed, string expiry = "07/39", string planCode = "start",
        string purpose = "Subscribe") =>
        owner.Http.PostAsJsonAsync("/api/billing/card", new { cardNumber = number, expiry, planCode, purpose });

    private static async Task<CardOtpSentDto> StartAsync(SpaClient owner)
    {
        var started = await PostCardAsync(owner);
        started.StatusCode.ShouldBe(HttpStatusCode.OK, await started.Content.ReadAsStringAsync());
        return (await started.Content.ReadFromJsonAsync<CardOtpSentDto>(SpaClient.Json))!;
    }

    private static Task<HttpResponseMessage> ConfirmAsync(SpaClient owner, Guid bindingId, string otp, string language = "en")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/card/confirm") { Content = JsonContent.Create(new { bindingId, otp }) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return owner.Http.SendAsync(request);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();

    /// <summary>The database file and its write-ahead log, read while the app still has them open.</summary>
    private string DatabaseBytesAsText() => string.Concat(new[] { "", "-wal" }
        .Select(suffix => factory.DatabasePath + suffix)
        .Where(File.Exists)
        .Select(path =>
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            file.CopyTo(copy);
            return Encoding.Latin1.GetString(copy.ToArray()) + Encoding.Unicode.GetString(copy.ToArray());
        }));

    [Fact]
    public async Task A_card_bound_with_its_sms_code_after_the_trial_pays_the_first_month_once_and_its_number_is_kept_nowhere()
    {
        using var owner = await OwnerAfterTrialAsync("direct-card@example.uz", "+998901002001");

        var sent = await StartAsync(owner);
        sent.MaskedPhone.ShouldNotBeNullOrEmpty();
        sent.AttemptsLeft.ShouldBe(3);
        sent.ExpiresAt.ShouldBeGreaterThan(factory.Time.GetUtcNow());

        var wrong = await ConfirmAsync(owner, sent.BindingId, "000000");
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ProblemAsync(wrong);
        problem.GetProperty("code").GetString().ShouldBe("invalid_otp");
        problem.GetProperty("attemptsLeft").GetInt32().ShouldBe(2);
        problem.GetProperty("detail").GetString()!.ShouldContain("Attempts left: 2");

        // A double-click: both requests carry the right code at once.
        var confirms = await Task.WhenAll(ConfirmAsync(owner, sent.BindingId, SandboxCards.OtpCode), ConfirmAsync(owner, sent.BindingId, SandboxCards.OtpCode));
        confirms.ShouldContain(r => r.StatusCode == HttpStatusCode.OK);
        confirms.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.Conflict);
        var again = await ConfirmAsync(owner, sent.BindingId, SandboxCards.OtpCode);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadFromJsonAsync<CheckoutResultDto>(SpaClient.Json))!.Status.ShouldBe(CheckoutStatus.Completed);

        var billing = (await owner.GetAsync<BillingDto>("/api/billing"))!;
        billing.Subscription!.Status.ShouldBe(SubscriptionStatus.Active);
        billing.Subscription.CurrentPeriodEnd.ShouldBe(factory.Time.GetUtcNow().AddMonths(1), TimeSpan.FromSeconds(1)); // a month from the payment, not from the trial
        billing.Card!.MaskedPan.ShouldBe("860000******0031");
        billing.Payments.ShouldHaveSingleItem().Status.ShouldBe(ChargeStatus.Succeeded);
        billing.Payments[0].ReceiptUrl.ShouldNotBeNullOrEmpty();
        (await factory.QueryDatabaseAsync(db => db.PaymentMethods.IgnoreQueryFilters().CountAsync())).ShouldBe(1);
        var tenant = await factory.QueryDatabaseAsync(db => db.Tenants.SingleAsync(t => db.Users.Any(u => u.Email == "direct-card@example.uz" && u.TenantId == t.Id)));
        tenant.Restrictions.HasFlag(TenantRestrictions.PaymentRequired).ShouldBeFalse(); // paying lifted the trial's paywall

        // The number, as typed or as digits, is in no stored byte, log line or outgoing message.
        var outbox = factory.Services.GetRequiredService<IDevOutbox>().Newest(1000);
        outbox.ShouldNotBeEmpty();
        foreach (var form in new[] { Digits, Typed })
        {
            DatabaseBytesAsText().ShouldNotContain(form);
            factory.Logs().ShouldNotContain(form);
            outbox.ShouldAllBe(m => !m.Body.Contains(form) && (m.Subject == null || !m.Subject.Contains(form)));
        }
        factory.Logs().ShouldContain("ConfirmCardBindingCommand"); // the logs were captured, and the binding is in them
    }

    [Fact]
    public async Task Refused_input_answers_field_errors_that_never_echo_the_number()
    {
        using var owner = await OwnerAsync("direct-bad@example.uz", "+998901002002");

        foreach (var (number, expiry, field) in new[]
                 {
                     ("8600 0000 0000 0032", "07/39", "cardNumber"), // fails the Luhn check
                     ("5555 5555 5555 4444", "07/39", "cardNumber"), // Luhn-valid, but neither UzCard, Humo nor Visa
                     (Typed, "13/39", "expiry"),
                     (Typed, "07/20", "expiry"), // expired
                 })
        {
            var response = await PostCardAsync(owner, number, expiry);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var body = await response.Content.ReadAsStringAsync();
            (await ProblemAsync(response)).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(body);
            body.ShouldNotContain(number.Replace(" ", "", StringComparison.Ordinal));
            body.ShouldNotContain(number);
        }

        (await factory.QueryDatabaseAsync(db => db.CheckoutSessions.IgnoreQueryFilters().CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Cards_posted_faster_than_sms_may_be_sent_are_refused_with_429_before_reaching_paylov()
    {
        using var owner = await OwnerAsync("direct-limit@example.uz", "+998901002006");

        var statuses = new List<HttpStatusCode>();
        foreach (var _ in Enumerable.Range(0, 6)) // one more than RateLimits:SmsPerTenMinutes
            statuses.Add((await PostCardAsync(owner, "8600 0000 0000 0032")).StatusCode);

        statuses[^1].ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task An_expired_code_and_too_many_wrong_codes_end_the_binding_with_no_card_kept()
    {
        using var owner = await OwnerAsync("direct-otp@example.uz", "+998901002003");

        var expiring = await StartAsync(owner);
        factory.Time.Advance(TimeSpan.FromMinutes(3));
        foreach (var _ in Enumerable.Range(0, 2)) // and it stays ended
        {
            var expired = await ConfirmAsync(owner, expiring.BindingId, SandboxCards.OtpCode);
            expired.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await ProblemAsync(expired)).GetProperty("code").GetString().ShouldBe("otp_expired");
        }

        var guessed = await StartAsync(owner);
        int[] left = [2, 1];
        foreach (var expected in left)
            (await ProblemAsync(await ConfirmAsync(owner, guessed.BindingId, "111111"))).GetProperty("attemptsLeft").GetInt32().ShouldBe(expected);
        var last = await ConfirmAsync(owner, guessed.BindingId, "111111");
        last.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(last)).GetProperty("code").GetString().ShouldBe("too_many_attempts");
        (await ProblemAsync(await ConfirmAsync(owner, guessed.BindingId, SandboxCards.OtpCode))).GetProperty("code").GetString().ShouldBe("too_many_attempts");

        (await owner.GetAsync<BillingDto>("/api/billing"))!.Card.ShouldBeNull();
    }

    [Fact]
    public async Task A_card_bound_during_the_trial_is_put_on_file_with_the_chosen_plan_and_charged_when_the_trial_ends()
    {
        using var owner = await OwnerAsync("direct-trial@example.uz", "+998901002004");
        var started = await PostCardAsync(owner, planCode: "pro");
        var sent = (await started.Content.ReadFromJsonAsync<CardOtpSentDto>(SpaClient.Json))!;

        (await ConfirmAsync(owner, sent.BindingId, SandboxCards.OtpCode)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var billing = (await owner.GetAsync<BillingDto>("/api/billing"))!;
        billing.Subscription!.Status.ShouldBe(SubscriptionStatus.Trialing);
        billing.Subscription.PlanCode.ShouldBe("pro");
        billing.Card.ShouldNotBeNull();
        billing.Payments.ShouldBeEmpty();

        factory.Time.Advance(TimeSpan.FromDays(15));
        (await BillingTestSteps.RunBillingJobAsync(factory)).Renewed.ShouldBe(1);
        var charge = await factory.QueryDatabaseAsync(db => db.Charges.IgnoreQueryFilters().SingleAsync());
        (charge.PlanCode, charge.Status).ShouldBe(("pro", ChargeStatus.Succeeded));
    }

    [Theory]
    [InlineData("uz", "+998901002011", "Qolgan urinishlar: 2")]
    [InlineData("ru", "+998901002012", "Осталось попыток: 2")]
    [InlineData("en", "+998901002013", "Attempts left: 2")]
    public async Task A_wrong_code_is_told_in_the_callers_language(string language, string phone, string expected)
    {
        using var owner = await OwnerAsync($"direct-{language}@example.uz", phone);
        var sent = await StartAsync(owner);

        var problem = await ProblemAsync(await ConfirmAsync(owner, sent.BindingId, "000000", language));

        problem.GetProperty("code").GetString().ShouldBe("invalid_otp");
        problem.GetProperty("detail").GetString()!.ShouldContain(expected);
    }

    [Fact]
    public async Task The_hosted_checkout_is_refused_while_cards_are_bound_with_our_form()
    {
        using var owner = await OwnerAsync("direct-hosted@example.uz", "+998901002005");

        (await owner.Http.PostAsJsonAsync("/api/billing/checkout", new { planCode = "start", purpose = "Subscribe" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await owner.GetAsync<BillingDto>("/api/billing"))!.CardBinding.ShouldBe(VirtuOps.Application.Billing.Payments.CardBindingMode.Direct);
    }
}
