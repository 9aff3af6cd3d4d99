using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Infrastructure.Paylov;
using VirtuOps.Infrastructure.Paylov.Sandbox;

namespace Application.FunctionalTests.Billing;

/// <summary>The app with AddPaylov and no Paylov:BaseUrl, as a developer machine runs it: the sandbox page is mapped.</summary>
public sealed class PaylovSandboxApi : IAsyncLifetime
{
    private readonly VirtuOpsApiFactory _factory = new();

    public PaylovSandboxApi() =>
        App = _factory.WithWebHostBuilder(builder =>
            builder.ConfigureServices((context, services) => services.AddPaylov(context.Configuration, context.HostingEnvironment)));

    public WebApplicationFactory<Program> App { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}

public sealed class PaylovSandboxCheckoutTests(PaylovSandboxApi api) : IClassFixture<PaylovSandboxApi>
{
    private static readonly Uri ReturnUrl = new("http://localhost/billing/return");

    private readonly HttpClient _browser = api.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private IPaylovClient Paylov => api.App.Services.GetRequiredService<IPaylovClient>();

    private Task<HttpResponseMessage> PostAsync(Uri page, string path, Dictionary<string, string> form) =>
        _browser.PostAsync(new Uri(page.AbsolutePath + path, UriKind.Relative), new FormUrlEncodedContent(form));

    [Fact]
    public async Task A_card_with_an_otp_is_bound_through_the_sandbox_page_and_the_browser_returns_to_the_app()
    {
        var session = await Paylov.StartCardBindingAsync($"bind_{Guid.NewGuid():N}", "0195user", 100_000, ReturnUrl, CancellationToken.None);

        var page = await _browser.GetStringAsync(session.RedirectUrl);
        page.ShouldContain("SANDBOX — no real money");
        page.ShouldContain("1 000 UZS");

        var afterCard = await PostAsync(session.RedirectUrl, "", new() { ["card_number"] = "8600 0000 0000 0031", ["expiry"] = "07/39", ["cvv"] = "123" });
        afterCard.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await _browser.GetStringAsync(afterCard.Headers.Location)).ShouldContain(SandboxCards.OtpCode);

        var afterOtp = await PostAsync(session.RedirectUrl, "/otp", new() { ["code"] = SandboxCards.OtpCode });
        afterOtp.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        afterOtp.Headers.Location.ShouldBe(ReturnUrl);

        var binding = await Paylov.GetCardBindingAsync(session.SessionId, CancellationToken.None);
        binding.Status.ShouldBe(CardBindingStatus.Confirmed);
        binding.Card!.MaskedPan.ShouldBe("860000******0031");
    }

    [Fact]
    public async Task A_number_that_is_not_a_test_card_is_answered_on_the_page_and_nothing_is_bound()
    {
        var session = await Paylov.StartCardBindingAsync($"bind_{Guid.NewGuid():N}", "0195user", 100_000, ReturnUrl, CancellationToken.None);

        var response = await PostAsync(session.RedirectUrl, "", new() { ["card_number"] = "4111 1111 1111 1111", ["expiry"] = "07/39", ["cvv"] = "123" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("sandbox test cards");
        (await Paylov.GetCardBindingAsync(session.SessionId, CancellationToken.None)).Status.ShouldBe(CardBindingStatus.Pending);
    }

    [Fact]
    public async Task An_unknown_session_is_not_found()
    {
        var response = await _browser.PostAsync(new Uri(SandboxPaylovClient.CheckoutPath + "sbx_bind_nope", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["card_number"] = SandboxCards.UzCardSucceeds }));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
