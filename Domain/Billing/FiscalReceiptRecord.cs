using VirtuOps.Domain.Common;

namespace VirtuOps.Domain.Billing;

/// <summary>
/// The fiscal receipt of a successful charge, requested from Paylov (the fiscal agent) and e-mailed to the owner.
/// Created pending with the charge and retried by the billing job until Paylov issues it and the e-mail is sent.
/// </summary>
public sealed class FiscalReceiptRecord : TenantOwnedEntity
{
    private FiscalReceiptRecord(Guid chargeId) => ChargeId = chargeId;

    public Guid ChargeId { get; private set; }

    public string? ReceiptId { get; private set; }

    public string? FiscalSign { get; private set; }

    public string? Url { get; private set; }

    public DateTimeOffset? IssuedAt { get; private set; }

    public DateTimeOffset? EmailedAt { get; private set; }

    public int Attempts { get; private set; }

    public static FiscalReceiptRecord For(Charge charge)
    {
        var receipt = new FiscalReceiptRecord(charge.Id);
        receipt.AssignTenant(charge.TenantId);
        return receipt;
    }

    public bool IsDone => EmailedAt is not null;

    public void Attempted() => Attempts++;

    public void Issued(string receiptId, string fiscalSign, string url, DateTimeOffset at)
    {
        ReceiptId = receiptId;
        FiscalSign = fiscalSign;
        Url = url;
        IssuedAt = at;
    }

    public void Emailed(DateTimeOffset at) => EmailedAt = at;
}
