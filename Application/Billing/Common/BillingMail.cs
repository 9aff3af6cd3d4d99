using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Billing.Common;

/// <summary>E-mails the tenant's owner about billing: receipts, failed payments, suspension.</summary>
public sealed class BillingMail(IIdentityService identity, IEmailSender email)
{
    public async Task SendToOwnerAsync(Guid tenantId, string subject, string body, CancellationToken cancellationToken)
    {
        if (await OwnerEmailAsync(tenantId, cancellationToken) is { } address)
            await email.SendAsync(new EmailMessage(address, subject, body), cancellationToken);
    }

    public async Task<string?> OwnerEmailAsync(Guid tenantId, CancellationToken cancellationToken) =>
        (await identity.ListTenantUsersAsync(tenantId, cancellationToken)).FirstOrDefault(u => u.Roles.Contains(Roles.Owner))?.Email;

    public static string Sum(long tiyin) => (tiyin / 100m).ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture).Replace(',', ' ') + " so‘m";
}
