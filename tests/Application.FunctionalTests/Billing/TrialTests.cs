using System.Net;
using System.Net.Http.Json;
using Application.FunctionalTests.Bots;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Accounts.Queries.GetCurrentAccount;
using VirtuOps.Application.Billing.Queries.GetBilling;
using VirtuOps.Application.Billing.Trials;
using VirtuOps.Application.Bots.Common;
using VirtuOps.Application.Widget.Commands.SendWidgetMessage;
using VirtuOps.Domain.Billing;

namespace Application.FunctionalTests.Billing;

/// <summary>Sign-up's trial, its reminders, and the paywall when it ends without a card. Each test moves the clock of an app of its own.</summary>
public sealed class TrialTests : IAsyncLifetime
{
    private const string ShopOrigin = "https://shop.example.uz";
    private const string Unavailable = "temporarily unavailable";

    private readonly VirtuOpsApiFactory factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => factory.DisposeAsync().AsTask();

    /// <summary>What the hourly trial job does: one run of its command.</summary>
    private async Task<TrialRunSummary> RunTrialJobAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new EndTrialsCommand());
    }

    /// <summary>Two weeks on, the sign-in has long expired: the owner comes back in a new browser.</summary>
    private async Task<SpaClient> SignInAgainAsync(string email)
    {
        var owner = new SpaClient(factory);
        (await owner.SignInAsync(email, SpaClient.StrongPassword)).EnsureSuccessStatusCode();
        return owner;
    }

    private async Task<WidgetReplyDto> AskWidgetAsync(string widgetKey, string text)
    {
        using var visitor = factory.CreateClient();
        visitor.DefaultRequestHeaders.Add("Origin", ShopOrigin);
        visitor.DefaultRequestHeaders.Add("X-Visitor-Id", Guid.NewGuid().ToString());
        var sent = await visitor.PostAsJsonAsync($"/api/widget/{widgetKey}/messages", new { text });
        sent.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await sent.Content.ReadFromJsonAsync<WidgetReplyDto>(SpaClient.Json))!;
    }

    [Fact]
    public async Task Sign_up_starts_a_trial_of_the_default_plan_without_a_card()
    {
        using var owner = new SpaClient(factory);
        var signedUpAt = factory.Time.GetUtcNow();
        await owner.RegisterVerifiedOwnerAsync("trial-start@example.uz", "+998901001601");

        var billing = (await owner.GetAsync<BillingDto>("/api/billing"))!;

        var subscription = billing.Subscription.ShouldNotBeNull();
        subscription.Status.ShouldBe(SubscriptionStatus.Trialing);
        subscription.PlanCode.ShouldBe("biznes");
        subscription.CurrentPeriodEnd.ShouldBe(signedUpAt.AddDays(14), TimeSpan.FromMilliseconds(1));
        billing.Card.ShouldBeNull();
        billing.Payments.ShouldBeEmpty();
        (await owner.GetAsync<CurrentAccountDto>("/api/account/me"))!.TrialEndsAt.ShouldNotBeNull().ShouldBe(signedUpAt.AddDays(14), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task The_owner_is_emailed_3_days_and_1_day_before_the_trial_ends_once_each()
    {
        const string email = "trial-remind@example.uz";
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync(email, "+998901001602");
        var before = await owner.MessageCountToAsync(email);

        factory.Time.Advance(TimeSpan.FromDays(10));
        (await RunTrialJobAsync()).Reminded.ShouldBe(0);

        factory.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        await Task.WhenAll(RunTrialJobAsync(), RunTrialJobAsync());
        await RunTrialJobAsync();
        (await owner.MessageCountToAsync(email)).ShouldBe(before + 1);
        var threeDays = await owner.LatestMessageToAsync(email);
        threeDays.Subject.ShouldNotBeNull().ShouldContain("3");
        threeDays.Body.ShouldContain("Billing page");
        threeDays.Body.ShouldContain("«Оплата»");

        factory.Time.Advance(TimeSpan.FromDays(2));
        await RunTrialJobAsync();
        await RunTrialJobAsync();
        (await owner.MessageCountToAsync(email)).ShouldBe(before + 2);
        (await owner.LatestMessageToAsync(email)).Subject.ShouldNotBeNull().ShouldContain("1 day");
    }

    [Fact]
    public async Task A_trial_that_ends_without_a_card_is_read_only_its_bots_say_unavailable_in_the_customers_language_and_paying_lifts_it_at_once()
    {
        const string email = "trial-paywall@example.uz";
        BotDto bot;
        using (var signingUp = new SpaClient(factory))
        {
            await signingUp.RegisterVerifiedOwnerAsync(email, "+998901001603");
            bot = await BotTestData.CreateBotAsync(signingUp, "Trial bot", ShopOrigin);
        }

        factory.Time.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));
        (await RunTrialJobAsync()).Expired.ShouldBe(1);
        await BillingTestSteps.RunBillingJobAsync(factory); // the renewal job neither charges nor cancels it
        using var owner = await SignInAgainAsync(email);

        var me = (await owner.GetAsync<CurrentAccountDto>("/api/account/me"))!;
        me.Restriction.ShouldNotBeNull().PaymentRequired.ShouldBeTrue();
        me.TrialEndsAt.ShouldBeNull();
        (await owner.GetAsync<BillingDto>("/api/billing"))!.Subscription!.Status.ShouldBe(SubscriptionStatus.Expired);
        (await owner.LatestMessageToAsync(email)).Subject.ShouldNotBeNull().ShouldContain("trial has ended");
        var refused = await owner.Http.PostAsJsonAsync("/api/bots", new { name = "Second bot" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Title.ShouldBe("Payment is required.");
        (await owner.Http.GetAsync("/api/bots")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var russian = await AskWidgetAsync(bot.WidgetKey, "Можно ли вернуть товар?");
        var uzbek = await AskWidgetAsync(bot.WidgetKey, "Soat nechida ochilasiz?");
        var english = await AskWidgetAsync(bot.WidgetKey, "What are your opening hours?");

        russian.Reply.ShouldNotBeNull().Text.ShouldStartWith("Извините, сервис временно недоступен");
        uzbek.Reply.ShouldNotBeNull().Text.ShouldStartWith("Kechirasiz, xizmat vaqtincha mavjud emas");
        english.Reply.ShouldNotBeNull().Text.ShouldContain(Unavailable);
        var stored = await factory.QueryDatabaseAsync(db => db.Messages.IgnoreQueryFilters()
            .Where(m => db.Conversations.IgnoreQueryFilters().Any(c => c.Id == m.ConversationId && c.BotId == bot.Id)).Select(m => m.Text).ToListAsync());
        stored.ShouldContain("Можно ли вернуть товар?", "the customers' messages are kept");
        stored.ShouldContain("What are your opening hours?");

        (await BillingTestSteps.SubscribeAsync(factory, owner, planCode: "biznes")).Status.ShouldBe(CheckoutStatus.Completed);

        (await owner.GetAsync<CurrentAccountDto>("/api/account/me"))!.Restriction.ShouldBeNull();
        (await owner.GetAsync<BillingDto>("/api/billing"))!.Subscription!.Status.ShouldBe(SubscriptionStatus.Active);
        (await owner.Http.PostAsJsonAsync("/api/bots", new { name = "Second bot" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await AskWidgetAsync(bot.WidgetKey, "What are your opening hours?")).Reply.ShouldNotBeNull().Text.ShouldBe("We are open every day from 9:00 to 21:00.");
    }

    [Fact]
    public async Task Restricting_processing_still_silences_the_bots_of_a_paywalled_tenant_and_cannot_be_got_around_by_paying()
    {
        const string email = "trial-restricted@example.uz";
        BotDto bot;
        using (var signingUp = new SpaClient(factory))
        {
            await signingUp.RegisterVerifiedOwnerAsync(email, "+998901001604");
            bot = await BotTestData.CreateBotAsync(signingUp, "Quiet bot", ShopOrigin);
        }

        factory.Time.Advance(TimeSpan.FromDays(15));
        await RunTrialJobAsync();
        using var owner = await SignInAgainAsync(email);

        (await owner.Http.PostAsync("/api/privacy/restriction", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await AskWidgetAsync(bot.WidgetKey, "Soat nechida ochilasiz?")).Reply.ShouldBeNull("the Privacy Policy's restriction holds every answer");
        var checkout = await owner.Http.PostAsJsonAsync("/api/billing/checkout", new { planCode = "biznes", purpose = "Subscribe" });
        checkout.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await checkout.Content.ReadFromJsonAsync<ProblemDetails>())!.Title.ShouldBe("Processing is restricted.");
    }
}
