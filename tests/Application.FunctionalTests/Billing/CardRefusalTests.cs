using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Infrastructure.IntegrationTests.Paylov;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Billing.Commands.StartCardBinding;
using VirtuOps.Application.Billing.Queries.GetBilling;
using VirtuOps.Application.Billing.Trials;
using VirtuOps.Domain.Billing;

namespace Application.FunctionalTests.Billing;

/// <summary>Each of Paylov's refusals on the card form's path, from the (fake) Paylov over HTTP, as a clear answer in the owner's language.</summary>
public sealed class CardRefusalTests : IAsyncLifetime
{
    private FakePaylovServer _paylov = null!;

    public async Task InitializeAsync() => _paylov = await FakePaylovServer.StartAsync();

    public async Task DisposeAsync() => await _paylov.DisposeAsync();

    private static async Task<SpaClient> OwnerAsync(PaylovHttpApiFactory app, string email, string phone)
    {
        var owner = new SpaClient(app);
        await owner.RegisterVerifiedOwnerAsync(email, phone);
        return owner;
    }

    private static Task<HttpResponseMessage> PostAsync(SpaClient owner, string path, object body, string language)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return owner.Http.SendAsync(request);
    }

    private static Task<HttpResponseMessage> PostCardAsync(SpaClient owner, string number, string language = "en") =>
        PostAsync(owner, "/api/billing/card", new { cardNumber = number, expiry = "07/39", planCode = "start", purpose = "Subscribe" }, language);

    private static async Task<(HttpStatusCode Status, string? Code, string Detail)> ProblemOf(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, problem.GetProperty("code").GetString(), problem.GetProperty("detail").GetString()!);
    }

    [Theory]
    [InlineData(FakePaylovServer.BlockedCardNumber, "card_is_blocked", "en", "This card is blocked")]
    [InlineData(FakePaylovServer.BlockedCardNumber, "card_is_blocked", "ru", "Карта заблокирована")]
    [InlineData(FakePaylovServer.SmsNotActiveCardNumber, "sms_not_active", "uz", "SMS-xabarnoma yoqilmagan")]
    [InlineData(FakePaylovServer.SmsNotActiveCardNumber, "sms_not_active", "en", "SMS notifications are not active")]
    public async Task A_card_paylov_refuses_is_a_400_with_its_code_and_a_message_in_the_owners_language(string number, string code, string language, string message)
    {
        await using var app = new PaylovHttpApiFactory(_paylov) { CardBinding = "Direct" };
        using var owner = await OwnerAsync(app, $"refused-{code}-{language}@example.uz", "+998901002101");

        var (status, answered, detail) = await ProblemOf(await PostCardAsync(owner, number, language));

        (status, answered).ShouldBe((HttpStatusCode.BadRequest, code));
        detail.ShouldContain(message);
        (await app.QueryDatabaseAsync(db => db.CheckoutSessions.IgnoreQueryFilters().CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task A_code_paylov_says_expired_ends_the_binding_with_otp_expired()
    {
        await using var app = new PaylovHttpApiFactory(_paylov) { CardBinding = "Direct" };
        using var owner = await OwnerAsync(app, "refused-expired@example.uz", "+998901002102");
        var sent = (await (await PostCardAsync(owner, FakePaylovServer.CardNumberThatBinds)).Content.ReadFromJsonAsync<CardOtpSentDto>(SpaClient.Json))!;
        _paylov.ExpireOtps();

        var (status, code, detail) = await ProblemOf(await PostAsync(owner, "/api/billing/card/confirm", new { sent.BindingId, otp = FakePaylovServer.OtpCode }, "ru"));

        (status, code).ShouldBe((HttpStatusCode.BadRequest, "otp_expired"));
        detail.ShouldContain("Срок действия кода из SMS истёк");
    }

    [Fact]
    public async Task A_first_payment_declined_for_insufficient_funds_is_a_422_in_the_owners_language_and_the_card_stays_on_file()
    {
        await using var app = new PaylovHttpApiFactory(_paylov) { CardBinding = "Direct" };
        (await OwnerAsync(app, "refused-funds@example.uz", "+998901002103")).Dispose();
        app.Time.Advance(TimeSpan.FromDays(15));
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new EndTrialsCommand());
        using var owner = new SpaClient(app);
        (await owner.SignInAsync("refused-funds@example.uz", SpaClient.StrongPassword)).EnsureSuccessStatusCode();
        var sent = (await (await PostCardAsync(owner, FakePaylovServer.NoFundsCardNumber)).Content.ReadFromJsonAsync<CardOtpSentDto>(SpaClient.Json))!;

        var (status, code, detail) = await ProblemOf(await PostAsync(owner, "/api/billing/card/confirm", new { sent.BindingId, otp = FakePaylovServer.OtpCode }, "uz"));

        (status, code).ShouldBe((HttpStatusCode.UnprocessableEntity, "insufficient_funds"));
        detail.ShouldContain("mablagʻ yetarli emas");
        var billing = (await owner.GetAsync<BillingDto>("/api/billing"))!;
        billing.Card.ShouldNotBeNull();
        billing.Subscription!.Status.ShouldBe(SubscriptionStatus.Expired);
        billing.Payments.ShouldHaveSingleItem().FailureCode.ShouldBe("insufficient_funds");
        _paylov.Charges.ShouldBeEmpty();
    }
}
