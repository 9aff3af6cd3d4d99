using Microsoft.Extensions.Time.Testing;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Infrastructure.Paylov.Sandbox;

namespace Infrastructure.IntegrationTests.Paylov;

public sealed class SandboxPaylovContractTests : PaylovContractTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private readonly SandboxPaylovClient _sandbox;

    public SandboxPaylovContractTests() => _sandbox = new SandboxPaylovClient(_time);

    protected override IPaylovClient Client => _sandbox;

    protected override IPaylovCardBinding Binding => _sandbox;

    protected override IPaylovPayouts Payouts => _sandbox;

    protected override void ExpireOtps() => _time.Advance(SandboxPaylovClient.OtpLifetime + TimeSpan.FromSeconds(1));

    protected override Task<string> BindCardThatPaysAsync() => BindAsync(SandboxCards.UzCardSucceeds);

    protected override Task<string> BindCardWithoutFundsAsync() => BindAsync(SandboxCards.RenewalsFail);

    // The sandbox cannot pay a transaction twice; what it says about it is what moved.
    protected override int PaymentsOf(string transactionId) =>
        _sandbox.GetTransactionAsync(transactionId, CancellationToken.None).Result.State is PaylovTransactionState.Succeeded or PaylovTransactionState.Refunded ? 1 : 0;

    private async Task<string> BindAsync(string number)
    {
        var session = await _sandbox.StartCardBindingAsync($"bind_{Guid.NewGuid():N}", UserId, 100_000, new Uri("https://localhost:5080/billing/return"), CancellationToken.None);
        _sandbox.SubmitCard(session.SessionId, number, "07/29", "123");
        return (await _sandbox.GetCardBindingAsync(session.SessionId, CancellationToken.None)).Card!.CardId;
    }
}
