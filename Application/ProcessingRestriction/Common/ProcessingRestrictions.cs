using VirtuOps.Application.Channels.Common;
using VirtuOps.Application.Webhooks.Common;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.ProcessingRestriction.Common;

/// <summary>
/// Whether a tenant's processing is restricted (Privacy Policy, section 8): the one question every path that would act
/// on a tenant's data asks. Read once per tenant and scope: the inbox processor answers many messages in one scope.
/// </summary>
public sealed class ProcessingRestrictions(IApplicationDbContext context, IInboundEventSignal inbound, IOutboundDeliverySignal delivery,
    IWebhookDeliverySignal webhooks)
{
    private readonly Dictionary<Guid, TenantRestrictions> _known = [];

    public async Task<TenantRestrictions> OfAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (!_known.TryGetValue(tenantId, out var restrictions))
            _known[tenantId] = restrictions = await context.Tenants.AsNoTracking()
                .Where(t => t.Id == tenantId).Select(t => t.Restrictions).SingleOrDefaultAsync(cancellationToken);
        return restrictions;
    }

    /// <summary>Whether nothing may be done with the tenant's data (the Privacy Policy's restriction): bots stay silent.</summary>
    public async Task<bool> HoldsProcessingAsync(Guid tenantId, CancellationToken cancellationToken) =>
        (await OfAsync(tenantId, cancellationToken) & TenantRestrictionGroups.HoldingProcessing) != TenantRestrictions.None;

    /// <summary>Whether the tenant's trial ended unpaid: read-only, and its bots say the service is temporarily unavailable.</summary>
    public async Task<bool> AwaitsPaymentAsync(Guid tenantId, CancellationToken cancellationToken) =>
        (await OfAsync(tenantId, cancellationToken)).HasFlag(TenantRestrictions.PaymentRequired);

    /// <summary>Refuses a write of a restricted tenant, unless every reason it is restricted for is among <paramref name="allowed"/>.</summary>
    public async Task ThrowIfRestrictedAsync(Guid tenantId, CancellationToken cancellationToken, TenantRestrictions allowed = TenantRestrictions.None)
    {
        var restrictions = await OfAsync(tenantId, cancellationToken);
        if ((restrictions & ~allowed) != TenantRestrictions.None)
            throw new ProcessingRestrictedException(restrictions);
    }

    /// <summary>
    /// Once a lifted restriction is saved: the webhooks stored meanwhile are processed and the answers queued before it
    /// are sent now, not at the workers' next sweep.
    /// </summary>
    public void Lifted(Tenant tenant)
    {
        _known[tenant.Id] = tenant.Restrictions;
        if (tenant.HoldsProcessing)
            return;
        inbound.EventsStored();
        delivery.MessagesQueued();
        webhooks.EventsQueued();
    }

    /// <summary>
    /// The ids of the tenants whose processing is held, for the workers' scans across tenants to leave out. A tenant
    /// that only awaits payment is not among them: its customers' messages are processed and told it is unavailable.
    /// </summary>
    public static IQueryable<Guid> RestrictedTenantIds(IApplicationDbContext context) =>
        context.Tenants.Where(t => (t.Restrictions & TenantRestrictionGroups.HoldingProcessing) != TenantRestrictions.None).Select(t => t.Id);
}
