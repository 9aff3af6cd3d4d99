using VirtuOps.Domain.ApiKeys;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;
using VirtuOps.Domain.Consents;
using VirtuOps.Domain.AccessLogs;
using VirtuOps.Domain.DemoRequests;
using VirtuOps.Domain.Partners;
using VirtuOps.Domain.Privacy;
using VirtuOps.Domain.PrivacyRequests;
using VirtuOps.Domain.Sessions;
using VirtuOps.Domain.Sms;
using VirtuOps.Domain.StaffAudit;
using VirtuOps.Domain.Tenants;
using VirtuOps.Domain.Verification;
using VirtuOps.Domain.Webhooks;

namespace VirtuOps.Application.Common.Interfaces;

public interface IApplicationDbContext
{
    DbSet<Tenant> Tenants { get; }

    DbSet<DemoRequest> DemoRequests { get; }

    DbSet<ConsentRecord> ConsentRecords { get; }

    DbSet<OneTimeCode> OneTimeCodes { get; }

    DbSet<UserSession> UserSessions { get; }

    DbSet<ApiKey> ApiKeys { get; }
    DbSet<Domain.Idempotency.IdempotentRequest> IdempotentRequests { get; }
    DbSet<SmsDelivery> SmsDeliveries { get; }
    DbSet<AccessLogEntry> AccessLogs { get; }

    DbSet<Bot> Bots { get; }

    DbSet<KnowledgeEntry> KnowledgeEntries { get; }

    DbSet<Contact> Contacts { get; }

    DbSet<Conversation> Conversations { get; }

    DbSet<Message> Messages { get; }

    DbSet<ChannelConnection> ChannelConnections { get; }

    DbSet<InboundEvent> InboundEvents { get; }

    DbSet<Subscription> Subscriptions { get; }

    DbSet<PaymentMethod> PaymentMethods { get; }

    DbSet<Charge> Charges { get; }

    DbSet<CheckoutSession> CheckoutSessions { get; }

    DbSet<FiscalReceiptRecord> FiscalReceipts { get; }

    /// <summary>Counted by the persistence layer in the save of each answer (see <c>CountedAnswers</c>); read here.</summary>
    DbSet<MessageUsage> MessageUsages { get; }

    DbSet<ErasureRequest> ErasureRequests { get; }

    DbSet<DataExport> DataExports { get; }

    DbSet<PrivacyRequest> PrivacyRequests { get; }

    DbSet<UnconfirmedPrivacyRequest> UnconfirmedPrivacyRequests { get; }

    DbSet<PrivacyDigestDelivery> PrivacyDigestDeliveries { get; }

    /// <summary>Append-only: entries are added, never changed or removed (the context refuses it).</summary>
    DbSet<StaffAuditEntry> StaffAuditLog { get; }

    DbSet<StaffAccessGrant> StaffAccessGrants { get; }

    DbSet<WebhookSubscription> WebhookSubscriptions { get; }

    DbSet<Partner> Partners { get; }

    DbSet<Referral> Referrals { get; }

    DbSet<PayoutAccount> PayoutAccounts { get; }

    DbSet<Payout> Payouts { get; }

    /// <summary>Append-only: entries are added, never changed or removed (the context refuses it).</summary>
    DbSet<PartnerLedgerEntry> PartnerLedger { get; }

    DbSet<WebhookDelivery> WebhookDeliveries { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);
}
