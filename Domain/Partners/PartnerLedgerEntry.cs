using VirtuOps.Domain.Common;

namespace VirtuOps.Domain.Partners;

public enum PartnerLedgerEntryKind
{
    /// <summary>The commission on a referred tenant's paid charge (positive).</summary>
    Accrual = 0,

    /// <summary>The commission taken back when that charge was refunded (negative).</summary>
    Reversal = 1,

    /// <summary>Money requested as a payout, held from the balance from the request on (negative).</summary>
    Payout = 2,

    /// <summary>A payout rejected or refused by Paylov: its money is back in the balance (positive).</summary>
    PayoutReturned = 3,
}

/// <summary>
/// One movement of a partner's commission balance. Append-only: an entry is never changed or deleted (the database
/// context refuses it, a test scans the code), so the balance is always the sum of the entries and the ledger is the
/// partner's statement. <see cref="EntryKey"/> is unique: the same charge accrues, or the same payout is held, once.
/// </summary>
public sealed class PartnerLedgerEntry : BaseEntity, ITenantOwned
{
    public const int EntryKeyMaxLength = 64;

    private PartnerLedgerEntry(Guid tenantId, PartnerLedgerEntryKind kind, long amountTiyin, string entryKey,
        Guid? chargeId, Guid? payoutId, Guid? referredTenantId, DateTimeOffset occurredAt)
    {
        TenantId = tenantId;
        Kind = kind;
        AmountTiyin = amountTiyin;
        EntryKey = entryKey;
        ChargeId = chargeId;
        PayoutId = payoutId;
        ReferredTenantId = referredTenantId;
        OccurredAt = occurredAt;
    }

    /// <summary>The partner's tenant.</summary>
    public Guid TenantId { get; private set; }

    public PartnerLedgerEntryKind Kind { get; private set; }

    /// <summary>Signed: credits are positive, debits negative.</summary>
    public long AmountTiyin { get; private set; }

    /// <summary>What the entry is for, unique: <c>accrual:&lt;charge&gt;</c>, <c>reversal:&lt;charge&gt;</c>, <c>payout:&lt;payout&gt;</c>, ...</summary>
    public string EntryKey { get; private set; }

    public Guid? ChargeId { get; private set; }

    public Guid? PayoutId { get; private set; }

    public Guid? ReferredTenantId { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The commission on a paid charge: <paramref name="percent"/> of it, rounded down to the tiyin.</summary>
    public static PartnerLedgerEntry Accrual(Referral referral, Guid chargeId, long chargeAmountTiyin, int percent, DateTimeOffset at) =>
        new(referral.TenantId, PartnerLedgerEntryKind.Accrual, CommissionOf(chargeAmountTiyin, percent), $"accrual:{chargeId:N}",
            chargeId, null, referral.ReferredTenantId, at);

    /// <summary>Takes back exactly what <paramref name="accrual"/> credited.</summary>
    public static PartnerLedgerEntry Reversal(PartnerLedgerEntry accrual, DateTimeOffset at) =>
        accrual.Kind != PartnerLedgerEntryKind.Accrual
            ? throw new InvalidOperationException("Only an accrual is reversed.")
            : new(accrual.TenantId, PartnerLedgerEntryKind.Reversal, -accrual.AmountTiyin, $"reversal:{accrual.ChargeId:N}",
                accrual.ChargeId, null, accrual.ReferredTenantId, at);

    public static PartnerLedgerEntry Payout(Guid partnerTenantId, Guid payoutId, long amountTiyin, DateTimeOffset at) =>
        new(partnerTenantId, PartnerLedgerEntryKind.Payout, -amountTiyin, $"payout:{payoutId:N}", null, payoutId, null, at);

    public static PartnerLedgerEntry PayoutReturned(Guid partnerTenantId, Guid payoutId, long amountTiyin, DateTimeOffset at) =>
        new(partnerTenantId, PartnerLedgerEntryKind.PayoutReturned, amountTiyin, $"payout-returned:{payoutId:N}", null, payoutId, null, at);

    public static long CommissionOf(long amountTiyin, int percent) => amountTiyin * percent / 100;
}
