using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.AccessLogs;
using VirtuOps.Domain.ApiKeys;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Consents;
using VirtuOps.Domain.Conversations;
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
using VirtuOps.Infrastructure.Data;
using VirtuOps.Infrastructure.Identity;

namespace VirtuOps.Infrastructure.Privacy;

public enum ErasureTreatment
{
    /// <summary>The erased person's or tenant's rows are deleted.</summary>
    Purge = 0,

    /// <summary>The rows stay, for the reason given, without anything that names the person.</summary>
    KeepAnonymised = 1,

    /// <summary>The rows hold nothing about a person.</summary>
    NotPersonal = 2,
}

/// <summary>What an erasure covers: a whole tenant, or one account; with the addresses rows outside the account name it by.</summary>
public sealed record ErasureSubject(
    ErasureScope Scope,
    Guid TenantId,
    IReadOnlyList<Guid> UserIds,
    IReadOnlyList<string> Emails,
    IReadOnlyList<string> NormalizedEmails)
{
    public bool IsTenant => Scope == ErasureScope.Tenant;
}

/// <summary>How an erasure treats one entity type of the model.</summary>
public abstract class ErasureRule(Type entityType, ErasureTreatment treatment, string reason)
{
    public Type EntityType { get; } = entityType;

    public ErasureTreatment Treatment { get; } = treatment;

    public string Reason { get; } = reason;

    /// <summary>Deletes or anonymises the subject's rows; a rule with nothing to do does nothing.</summary>
    public virtual Task ApplyAsync(ApplicationDbContext context, ErasureSubject subject, IDatabaseWriter writer, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}

/// <summary>
/// Every entity type of the data model with what an erasure does to it, in the order the purge applies them: children
/// before their parents, so no delete cascades into a long statement, and rows found through the user's e-mail or id
/// before the user's own row. <see cref="Unclassified"/> walks a model for types missing here: a new entity must be
/// classified before the tests pass.
/// </summary>
public static class ErasureCatalog
{
    /// <summary>
    /// Rows per DELETE: each batch is one short turn of the single SQLite writer (about 8 ms at 200 messages, 47 ms at
    /// 500; bench/Erasure.Load/RESULTS.md), so webhooks wait milliseconds, not the whole purge.
    /// </summary>
    public const int BatchSize = 200;

    private const string FiscalReason =
        "Kept for the period the tax law requires of accounting records (5 years); holds no name, e-mail or phone, and the tenant it points to is anonymised.";

    public static IReadOnlyList<ErasureRule> Rules { get; } =
    [
        new Batched<DataExport>((db, s) => db.DataExports.IgnoreQueryFilters().Where(e => s.IsTenant ? e.TenantId == s.TenantId : s.UserIds.Contains(e.UserId)),
            "Data exports (their zip files are deleted first)."),
        // Found through the connections' indexed keys: the table has no index on TenantId, and a scan for it would
        // read the whole table for every batch.
        new Batched<InboundEvent>((db, s) => s.IsTenant
                ? db.InboundEvents.IgnoreQueryFilters().Where(e => db.ChannelConnections.IgnoreQueryFilters()
                    .Where(c => c.TenantId == s.TenantId).Select(c => c.Id).Contains(e.ChannelConnectionId))
                : null,
            "Stored webhook payloads: the customers' messages as the channel delivered them."),
        // Oldest first along (TenantId, SentAt): consecutive messages share pages of the table and of its time-ordered
        // keys, so a batch rewrites a few pages; taken conversation by conversation, every row was on a page of its own.
        new Batched<Message>((db, s) => s.IsTenant
                ? db.Messages.IgnoreQueryFilters().Where(m => m.TenantId == s.TenantId).OrderBy(m => m.SentAt)
                : null,
            "Conversation messages."),
        // Before messages: the queued events are copies of them, and must not reach the integrator after the purge started.
        TenantRows<WebhookDelivery>(db => db.WebhookDeliveries, "Outgoing webhook events and their delivery log: copies of messages, contacts and conversations."),
        TenantRows<WebhookSubscription>(db => db.WebhookSubscriptions, "The tenant's webhook endpoints and their secrets."),
        TenantRows<Conversation>(db => db.Conversations, "Conversations with the tenant's customers."),
        TenantRows<Contact>(db => db.Contacts, "The tenant's customers."),
        TenantRows<KnowledgeEntry>(db => db.KnowledgeEntries, "The tenant's knowledge base."),
        TenantRows<ChannelConnection>(db => db.ChannelConnections, "Channel connections (credentials deleted at disconnect)."),
        TenantRows<Bot>(db => db.Bots, "The tenant's bots."),
        TenantRows<ApiKey>(db => db.ApiKeys, "The tenant's API keys."),
        TenantRows<StaffAccessGrant>(db => db.StaffAccessGrants, "The owner's grants of access for platform staff, with the reason typed."),
        TenantRows<Domain.Idempotency.IdempotentRequest>(db => db.IdempotentRequests, "Kept API answers (they may echo a customer's message or contact)."),
        new Batched<MessageUsage>((db, s) => s.IsTenant ? db.MessageUsages.IgnoreQueryFilters().Where(u => u.TenantId == s.TenantId) : null,
            "The tenant's monthly answer counts (the plan's usage meter)."),
        TenantRows<PayoutAccount>(db => db.PayoutAccounts, "The partner's payout details: PINFL or STIR, company name and payout card (encrypted)."),
        TenantRows<PaymentMethod>(db => db.PaymentMethods, "Card references (the token is removed at Paylov first)."),
        TenantRows<CheckoutSession>(db => db.CheckoutSessions, "Checkout sessions: who started which payment."),
        new Batched<ConsentRecord>((db, s) => db.ConsentRecords.Where(c => s.UserIds.Contains(c.UserId) || (s.IsTenant && c.TenantId == s.TenantId)),
            "Consent history (with IP address and browser)."),
        new Batched<AccessLogEntry>((db, s) => db.AccessLogs.Where(e => (e.UserId != null && s.UserIds.Contains(e.UserId.Value)) || (s.IsTenant && e.TenantId == s.TenantId)),
            "The access log (IP address, browser, device)."),
        new Batched<UserSession>((db, s) => db.UserSessions.Where(e => s.UserIds.Contains(e.UserId)), "Sessions (IP address, browser)."),
        new Batched<OneTimeCode>((db, s) => db.OneTimeCodes.Where(c => s.UserIds.Contains(c.UserId)), "Codes sent to the person's phone."),
        new Batched<DemoRequest>((db, s) => db.DemoRequests.Where(r => s.Emails.Contains(r.Email)), "A demo request the person sent from the public site."),
        new Batched<UnconfirmedPrivacyRequest>((db, s) => db.UnconfirmedPrivacyRequests.Where(r => s.Emails.Contains(r.Email)),
            "A signed-out privacy request not confirmed yet: the address and its text."),
        new AnonymisedPrivacyRequests(),
        new Batched<PrivacyDigestDelivery>((db, s) => db.PrivacyDigestDeliveries.Where(d => s.UserIds.Contains(d.StaffUserId)),
            "The days a staff member was sent the privacy requests digest."),
        new AllAtOnce<SignInAttemptCount>((db, s) => db.SignInAttemptCounts.Where(c => s.NormalizedEmails.Contains(c.NormalizedEmail)),
            "Failed sign-ins counted by e-mail address."),
        new AllAtOnce<IdentityUserClaim<Guid>>((db, s) => db.UserClaims.Where(c => s.UserIds.Contains(c.UserId)), "The account's claims."),
        new AllAtOnce<IdentityUserLogin<Guid>>((db, s) => db.UserLogins.Where(l => s.UserIds.Contains(l.UserId)), "The account's external sign-ins."),
        new AllAtOnce<IdentityUserToken<Guid>>((db, s) => db.UserTokens.Where(t => s.UserIds.Contains(t.UserId)), "The account's tokens."),
        new AllAtOnce<IdentityUserRole<Guid>>((db, s) => db.UserRoles.Where(r => s.UserIds.Contains(r.UserId)), "The account's roles."),
        new AllAtOnce<ApplicationUser>((db, s) => db.Users.Where(u => s.UserIds.Contains(u.Id)), "The account: name, e-mail, phone, password hash."),
        new AnonymisedTenant(),
        Kept<Subscription>(FiscalReason),
        Kept<Charge>(FiscalReason),
        Kept<FiscalReceiptRecord>(FiscalReason),
        Kept<Partner>("The partner's referral code and joining date: the accounting record the commissions and payouts were made under; no name, e-mail or phone."),
        Kept<Payout>(FiscalReason + " Payouts of commission: amount, status, staff's decision; no name, PINFL or card."),
        Kept<Referral>("Which tenant a partner referred and when (ids and a date): the basis of the commissions paid, kept with them."),
        Kept<PartnerLedgerEntry>(FiscalReason + " Append-only: the partner's statement of commissions and payouts."),
        Kept<StaffAuditEntry>("The record of what platform staff did with the customer's data (ids, operation, staff's reason, outcome), kept as the accountability the privacy policy promises; append-only, so never changed; it holds no name, e-mail or phone of the customer."),
        Kept<ErasureRequest>("The record that the erasure was asked for and carried out: ids and times only."),
        NotPersonal<SmsDelivery>("Delivery reports keep only the last four digits of a number and no link to an account."),
        NotPersonal<ApplicationRole>("The role names."),
        NotPersonal<IdentityRoleClaim<Guid>>("Claims of roles."),
    ];

    /// <summary>The entity types of <paramref name="model"/> the catalog does not classify (owned types go with their owner).</summary>
    public static IReadOnlyList<string> Unclassified(IModel model)
    {
        var classified = Rules.Select(r => r.EntityType).ToHashSet();
        return [.. model.GetEntityTypes()
            .Where(t => !t.IsOwned() && !classified.Contains(t.ClrType))
            .Select(t => t.DisplayName())
            .Order(StringComparer.Ordinal)];
    }

    private static Batched<T> TenantRows<T>(Func<ApplicationDbContext, IQueryable<T>> rows, string reason) where T : TenantOwnedEntity =>
        new((db, s) => s.IsTenant ? rows(db).IgnoreQueryFilters().Where(e => e.TenantId == s.TenantId) : null, reason);

    private static Unchanged Kept<T>(string reason) => new Unchanged(typeof(T), ErasureTreatment.KeepAnonymised, reason);

    private static Unchanged NotPersonal<T>(string reason) => new Unchanged(typeof(T), ErasureTreatment.NotPersonal, reason);

    private sealed class Unchanged(Type entityType, ErasureTreatment treatment, string reason) : ErasureRule(entityType, treatment, reason);

    /// <summary>Deletes a batch of ids at a time, each in its own writer turn; re-running finds what is left.</summary>
    private sealed class Batched<T>(Func<ApplicationDbContext, ErasureSubject, IQueryable<T>?> rows, string reason)
        : ErasureRule(typeof(T), ErasureTreatment.Purge, reason) where T : BaseEntity
    {
        public override async Task ApplyAsync(ApplicationDbContext context, ErasureSubject subject, IDatabaseWriter writer, CancellationToken cancellationToken)
        {
            if (rows(context, subject) is not { } subjectRows)
                return;
            while (true)
            {
                // Ids are read outside the writer; the writer's turn is only the DELETE.
                var ids = await subjectRows.Select(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
                if (ids.Count == 0)
                    return;
                // By key alone: a row found as the subject's stays theirs, and the subject's condition (a subquery for
                // the large tables) would make SQLite re-scan the table inside the writer's turn.
                await writer.RunExclusiveAsync(
                    () => context.Set<T>().IgnoreQueryFilters().Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken), cancellationToken);
                await CopyLogBackAsync(context, cancellationToken);
                if (ids.Count < BatchSize)
                    return;
            }
        }
    }

    /// <summary>
    /// Copies the batch's pages from SQLite's write-ahead log into the database outside the writer's turn. Left to the
    /// automatic checkpoint, that copy (with an fsync, about 300 ms) runs inside whichever commit fills the log, often
    /// a webhook's.
    /// </summary>
    private static async Task CopyLogBackAsync(ApplicationDbContext context, CancellationToken cancellationToken)
    {
        if (context.Database.IsSqlite())
            await context.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);", cancellationToken);
    }

    /// <summary>For the few rows of an account (its roles, claims, its own row): one statement.</summary>
    private sealed class AllAtOnce<T>(Func<ApplicationDbContext, ErasureSubject, IQueryable<T>> rows, string reason)
        : ErasureRule(typeof(T), ErasureTreatment.Purge, reason) where T : class
    {
        public override Task ApplyAsync(ApplicationDbContext context, ErasureSubject subject, IDatabaseWriter writer, CancellationToken cancellationToken) =>
            writer.RunExclusiveAsync(() => rows(context, subject).ExecuteDeleteAsync(cancellationToken), cancellationToken);
    }

    private sealed class AnonymisedPrivacyRequests() : ErasureRule(typeof(PrivacyRequest), ErasureTreatment.KeepAnonymised,
        "The record that each data-subject request was answered in time (kind, dates, status, our answer); the address and the requester's text go.")
    {
        public override async Task ApplyAsync(ApplicationDbContext context, ErasureSubject subject, IDatabaseWriter writer, CancellationToken cancellationToken)
        {
            var requests = await context.PrivacyRequests
                .Where(r => (r.Email != null || r.Text != null)
                    && ((r.UserId != null && subject.UserIds.Contains(r.UserId.Value))
                        || (r.Email != null && subject.Emails.Contains(r.Email))
                        || (subject.IsTenant && r.TenantId == subject.TenantId)))
                .ToListAsync(cancellationToken);
            if (requests.Count == 0)
                return;
            foreach (var request in requests)
                request.Anonymise();
            await writer.RunExclusiveAsync(() => context.SaveChangesAsync(cancellationToken), cancellationToken);
        }
    }

    private sealed class AnonymisedTenant() : ErasureRule(typeof(Tenant), ErasureTreatment.KeepAnonymised,
        "The row the kept fiscal records point to; its name (often the owner's own) is replaced.")
    {
        public override async Task ApplyAsync(ApplicationDbContext context, ErasureSubject subject, IDatabaseWriter writer, CancellationToken cancellationToken)
        {
            if (!subject.IsTenant || await context.Tenants.SingleOrDefaultAsync(t => t.Id == subject.TenantId, cancellationToken) is not { } tenant)
                return;
            tenant.Anonymise();
            await writer.RunExclusiveAsync(() => context.SaveChangesAsync(cancellationToken), cancellationToken);
        }
    }
}
