using Microsoft.Extensions.Options;
using VirtuOps.Application.Partners.Common;
using VirtuOps.Application.Partners.Queries.GetPayoutAccount;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Partners;

namespace VirtuOps.Application.Partners.Commands.RequestPayout;

/// <summary>
/// The partner asks to be paid: at least <c>Partners:MinimumPayoutTiyin</c> and at most the balance, once the payout
/// details and card are ready. The amount is held from the balance at once (a ledger entry), so it cannot be asked for
/// twice; staff approve or reject the request.
/// </summary>
[Authorize(Roles = Roles.Owner)]
public sealed record RequestPayoutCommand(long AmountTiyin) : ICommand<PayoutDto>;

public sealed class RequestPayoutCommandHandler(IApplicationDbContext context, IOptions<PartnerOptions> options, TimeProvider time)
    : ICommandHandler<RequestPayoutCommand, PayoutDto>
{
    public async ValueTask<PayoutDto> Handle(RequestPayoutCommand command, CancellationToken cancellationToken)
    {
        var partner = await context.Partners.SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("The tenant is not a partner.");
        var account = await context.PayoutAccounts.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (account is not { IsReady: true })
            throw new ConflictException("Add the payout details and a payout card (a person's checked against their PINFL) first.");
        var minimum = options.Value.MinimumPayoutTiyin;
        if (command.AmountTiyin < minimum)
            throw ValidationException.ForField(nameof(command.AmountTiyin),
                $"Eng kam to‘lov: {minimum / 100} so‘m. / Минимальная выплата: {minimum / 100} сум. / The smallest payout is {minimum / 100} UZS.");
        var balance = await context.PartnerLedger.SumAsync(e => e.AmountTiyin, cancellationToken);
        if (command.AmountTiyin > balance)
            throw ValidationException.ForField(nameof(command.AmountTiyin),
                $"Balansdan ko‘p: {balance / 100} so‘m. / Больше баланса: {balance / 100} сум. / More than the balance of {balance / 100} UZS.");

        var now = time.GetUtcNow();
        var payout = Payout.Request(command.AmountTiyin, now);
        context.Payouts.Add(payout);
        context.PartnerLedger.Add(PartnerLedgerEntry.Payout(partner.TenantId, payout.Id, payout.AmountTiyin, now));
        partner.RequestedPayout();
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("Another payout request was just made; look at the balance again.");
        }

        return new PayoutDto(payout.Id, payout.AmountTiyin, payout.Status, payout.RequestedAt, null, null, null);
    }
}

public sealed class RequestPayoutCommandValidator : AbstractValidator<RequestPayoutCommand>
{
    public RequestPayoutCommandValidator() => RuleFor(c => c.AmountTiyin).GreaterThan(0);
}
