using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Billing.Common;

/// <summary>E-mails the tenant's owner about billing: receipts, failed payments, suspension.</summary>
public sealed class BillingMail(IIdentityService identity, IEmailSender email)
{
    public async Task SendToOwnerAsync(Guid tenantId, string subject, string body, CancellationToken cancellationToken)
    {
        if (await OwnerEmailAsync(tenantId, cancellationToken) is { } address)
            await SendAsync(address, subject, body, cancellationToken);
    }

    /// <summary>For a caller that already looked the owner up (see <see cref="OwnerEmailsAsync"/>).</summary>
    public Task SendAsync(string address, string subject, string body, CancellationToken cancellationToken) =>
        email.SendAsync(new EmailMessage(address, subject, body), cancellationToken);

    public async Task<string?> OwnerEmailAsync(Guid tenantId, CancellationToken cancellationToken) =>
        (await identity.FindOwnerEmailsAsync([tenantId], cancellationToken)).GetValueOrDefault(tenantId);

    public Task<IReadOnlyDictionary<Guid, string>> OwnerEmailsAsync(IReadOnlyCollection<Guid> tenantIds, CancellationToken cancellationToken) =>
        identity.FindOwnerEmailsAsync(tenantIds, cancellationToken);

    public static string Sum(long tiyin) => (tiyin / 100m).ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture).Replace(',', ' ') + " so‘m";
}
