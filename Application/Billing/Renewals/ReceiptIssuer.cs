using Microsoft.Extensions.Options;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Domain.Billing;

namespace VirtuOps.Application.Billing.Renewals;

/// <summary>
/// Asks Paylov for a charge's fiscal receipt and e-mails it to the owner. A failure leaves the receipt pending; the
/// billing job tries again on its next run (the receipt row is the outbox).
/// </summary>
public sealed class ReceiptIssuer(IApplicationDbContext context, IPaylovClient paylov, BillingMail mail, IOptions<BillingOptions> options, TimeProvider time)
{
    /// <summary>One receipt, saved when done or failed.</summary>
    public async Task<bool> IssueAsync(FiscalReceiptRecord receipt, Charge charge, CancellationToken cancellationToken)
    {
        var delivered = await DeliverAsync(receipt, charge, await mail.OwnerEmailAsync(receipt.TenantId, cancellationToken), cancellationToken);
        await context.SaveChangesAsync(delivered ? cancellationToken : CancellationToken.None);
        return delivered;
    }

    /// <summary>
    /// Has Paylov issue the receipt (unless it already did) and e-mails it; only changes <paramref name="receipt"/>,
    /// the caller saves it. Touches no scoped state, so many may run at once. "Issued" and "e-mailed" are saved
    /// together: if that save is lost, the next try registers the same transaction again, Paylov answers that its receipt
    /// exists and the adapter reads it back, and the owner gets the e-mail twice.
    /// </summary>
    public async Task<bool> DeliverAsync(FiscalReceiptRecord receipt, Charge charge, string? ownerEmail, CancellationToken cancellationToken)
    {
        var plan = options.Value.Find(charge.PlanCode) ?? throw new InvalidOperationException($"Plan '{charge.PlanCode}' is not configured.");
        receipt.Attempted();
        try
        {
            if (receipt.IssuedAt is null)
            {
                var issued = await paylov.RegisterReceiptAsync(new ReceiptRequest(charge.TransactionId!, charge.AmountTiyin,
                    [RenewalSteps.FiscalItemOf(plan, charge)]), cancellationToken);
                receipt.Issued(issued.ReceiptId, issued.FiscalSign, issued.Url.ToString(), time.GetUtcNow());
            }

            if (ownerEmail is not null)
                await EmailAsync(receipt, charge, ownerEmail, cancellationToken);

            receipt.Emailed(time.GetUtcNow());
            return true;
        }
        catch (Exception ex) when (ex is PaylovException or HttpRequestException or InvalidOperationException or ArgumentException or EmailDeliveryException)
        {
            return false;
        }
    }

    /// <summary>The receipt e-mail: the amount, what it paid for, and Paylov's fiscal receipt link and sign.</summary>
    public async Task EmailAsync(FiscalReceiptRecord receipt, Charge charge, string ownerEmail, CancellationToken cancellationToken)
    {
        var plan = options.Value.Find(charge.PlanCode) ?? throw new InvalidOperationException($"Plan '{charge.PlanCode}' is not configured.");
        await mail.SendAsync(ownerEmail, "VirtuOps: to‘lov cheki / Payment receipt",
            $"To‘lov qabul qilindi: {BillingMail.Sum(charge.AmountTiyin)} ({RenewalSteps.DescriptionOf(plan, charge)}).\nFiskal chek / Fiscal receipt: {receipt.Url}\nFiskal belgi / Fiscal sign: {receipt.FiscalSign}",
            cancellationToken);
    }
}
