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
    public async Task<bool> IssueAsync(FiscalReceiptRecord receipt, CancellationToken cancellationToken)
    {
        var charge = await context.Charges.SingleAsync(c => c.Id == receipt.ChargeId, cancellationToken);
        var plan = options.Value.Find(charge.PlanCode) ?? throw new InvalidOperationException($"Plan '{charge.PlanCode}' is not configured.");
        receipt.Attempted();
        try
        {
            if (receipt.IssuedAt is null)
            {
                var ownerEmail = await mail.OwnerEmailAsync(receipt.TenantId, cancellationToken);
                var issued = await paylov.CreateReceiptAsync(new ReceiptRequest(charge.TransactionId!, $"receipt_{charge.IdempotencyKey}",
                    ownerEmail ?? string.Empty, RenewalProcessor.FiscalItemOf(plan) with { PriceTiyin = charge.AmountTiyin }), cancellationToken);
                receipt.Issued(issued.ReceiptId, issued.FiscalSign, issued.Url.ToString(), time.GetUtcNow());
                await context.SaveChangesAsync(cancellationToken);
            }

            await mail.SendToOwnerAsync(receipt.TenantId, "VirtuOps: to‘lov cheki / Payment receipt",
                $"To‘lov qabul qilindi: {BillingMail.Sum(charge.AmountTiyin)} ({plan.Name}, {charge.PeriodKey}).\nFiskal chek / Fiscal receipt: {receipt.Url}\nFiskal belgi / Fiscal sign: {receipt.FiscalSign}",
                cancellationToken);
            receipt.Emailed(time.GetUtcNow());
            await context.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is PaylovUnavailableException or HttpRequestException or InvalidOperationException)
        {
            await context.SaveChangesAsync(CancellationToken.None);
            return false;
        }
    }
}
