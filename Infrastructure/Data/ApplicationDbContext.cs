using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.ApiKeys;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;
using VirtuOps.Domain.Common;
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
using VirtuOps.Infrastructure.Identity;

namespace VirtuOps.Infrastructure.Data;

/// <summary>
/// The model, shared by both providers. Each provider has a subclass so that it owns its own migration set
/// (<see cref="SqliteApplicationDbContext"/>, <see cref="SqlServerApplicationDbContext"/>).
/// Every <see cref="ITenantOwned"/> entity is filtered to the caller's tenant; a caller without a tenant sees none.
/// </summary>
public abstract class ApplicationDbContext(DbContextOptions options, ICurrentTenant currentTenant)
    : IdentityDbContext<ApplicationUser, ApplicationRole, Guid>(options), IApplicationDbContext
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<DemoRequest> DemoRequests => Set<DemoRequest>();

    public DbSet<ConsentRecord> ConsentRecords => Set<ConsentRecord>();

    public DbSet<OneTimeCode> OneTimeCodes => Set<OneTimeCode>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<SignInAttemptCount> SignInAttemptCounts => Set<SignInAttemptCount>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<Domain.Idempotency.IdempotentRequest> IdempotentRequests => Set<Domain.Idempotency.IdempotentRequest>();

    public DbSet<SmsDelivery> SmsDeliveries => Set<SmsDelivery>();

    public DbSet<AccessLogEntry> AccessLogs => Set<AccessLogEntry>();

    public DbSet<Bot> Bots => Set<Bot>();

    public DbSet<KnowledgeEntry> KnowledgeEntries => Set<KnowledgeEntry>();

    public DbSet<Contact> Contacts => Set<Contact>();

    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<ChannelConnection> ChannelConnections => Set<ChannelConnection>();

    public DbSet<InboundEvent> InboundEvents => Set<InboundEvent>();

    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    public DbSet<PaymentMethod> PaymentMethods => Set<PaymentMethod>();

    public DbSet<Charge> Charges => Set<Charge>();

    public DbSet<CheckoutSession> CheckoutSessions => Set<CheckoutSession>();

    public DbSet<FiscalReceiptRecord> FiscalReceipts => Set<FiscalReceiptRecord>();

    public DbSet<MessageUsage> MessageUsages => Set<MessageUsage>();

    public DbSet<ErasureRequest> ErasureRequests => Set<ErasureRequest>();

    public DbSet<DataExport> DataExports => Set<DataExport>();

    public DbSet<PrivacyRequest> PrivacyRequests => Set<PrivacyRequest>();

    public DbSet<UnconfirmedPrivacyRequest> UnconfirmedPrivacyRequests => Set<UnconfirmedPrivacyRequest>();

    public DbSet<PrivacyDigestDelivery> PrivacyDigestDeliveries => Set<PrivacyDigestDelivery>();

    public DbSet<StaffAuditEntry> StaffAuditLog => Set<StaffAuditEntry>();

    public DbSet<StaffAccessGrant> StaffAccessGrants => Set<StaffAccessGrant>();

    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<Partner> Partners => Set<Partner>();

    public DbSet<Referral> Referrals => Set<Referral>();

    public DbSet<PayoutAccount> PayoutAccounts => Set<PayoutAccount>();

    public DbSet<Payout> Payouts => Set<Payout>();

    public DbSet<PartnerLedgerEntry> PartnerLedger => Set<PartnerLedgerEntry>();

    /// <summary>Read by the query filters each time a query runs, so one model serves every tenant.</summary>
    internal Guid? CurrentTenantId => currentTenant.Id;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(Assembly.GetExecutingAssembly());

        foreach (var entityType in builder.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)))
            builder.Entity(entityType.ClrType).HasQueryFilter(TenantFilter(entityType.ClrType));
    }

    // e => e.TenantId == this.CurrentTenantId
    private LambdaExpression TenantFilter(Type entityType)
    {
        var entity = Expression.Parameter(entityType, "e");
        var tenantId = Expression.Convert(Expression.Property(entity, nameof(ITenantOwned.TenantId)), typeof(Guid?));
        var current = Expression.Property(Expression.Constant(this), nameof(CurrentTenantId));
        return Expression.Lambda(Expression.Equal(tenantId, current), entity);
    }
}
