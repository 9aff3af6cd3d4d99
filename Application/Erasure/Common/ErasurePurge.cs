using VirtuOps.Application.Billing.Payments;
using VirtuOps.Application.Channels.Common;
using VirtuOps.Application.Privacy.Exports.Common;
using VirtuOps.Domain.Privacy;

namespace VirtuOps.Application.Erasure.Common;

/// <summary>
/// Carries out one erasure whose grace period is over, in a scope of its tenant: third parties are told first (the
/// card removed at Paylov, Telegram webhooks removed, channels disconnected), then each erased person gets the
/// confirmation while their address still exists, then the rows go. Each step is recorded on the request, so a purge
/// cut short resumes at the step it stopped in.
/// </summary>
public sealed class ErasurePurge(
    IApplicationDbContext context,
    IIdentityService identity,
    IPaylovClient paylov,
    ISecretProtector secrets,
    ChannelDisconnection channels,
    ErasureMail mail,
    IPersonalDataEraser eraser,
    IDataExportFiles exportFiles,
    TimeProvider time,
    ILogger<ErasurePurge> logger)
{
    public async Task RunAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var request = await context.ErasureRequests.SingleAsync(r => r.Id == requestId, cancellationToken);
        if (!request.IsPending)
            return;

        if (request.ThirdPartiesToldAt is null)
        {
            if (request.Scope == ErasureScope.Tenant)
                await TellThirdPartiesAsync(cancellationToken);
            request.ThirdPartiesTold(time.GetUtcNow());
            await context.SaveChangesAsync(cancellationToken);
        }

        if (request.ConfirmationSentAt is null)
        {
            foreach (var address in await ErasedAddressesAsync(request, cancellationToken))
                await mail.CompletedAsync(address, cancellationToken);
            request.ConfirmationSent(time.GetUtcNow());
            await context.SaveChangesAsync(cancellationToken);
        }

        // Answered before the rows go, so the purge anonymises the request along with the requester's others.
        await ErasureRecord.AnswerAsync(context, request, "Carried out: the data was erased; fiscal records are kept without name, e-mail or phone.",
            time.GetUtcNow(), cancellationToken);
        await context.SaveChangesAsync(cancellationToken);
        // An export's zip holds a copy of everything: the files go before their rows, which the purge deletes.
        foreach (var export in await context.DataExports.IgnoreQueryFilters()
                     .Where(e => request.Scope == ErasureScope.Tenant ? e.TenantId == request.TenantId : e.UserId == request.UserId)
                     .Select(e => e.Id).ToListAsync(cancellationToken))
            exportFiles.Delete(export);
        await eraser.EraseAsync(request, cancellationToken);
        request.Complete(time.GetUtcNow());
        await context.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Erasure {ErasureRequestId} ({Scope}) purged", request.Id, request.Scope);
    }

    private async Task TellThirdPartiesAsync(CancellationToken cancellationToken)
    {
        foreach (var card in await context.PaymentMethods.Where(p => p.RemovedAt == null).ToListAsync(cancellationToken))
        {
            try
            {
                await paylov.RemoveCardAsync(secrets.Unprotect(card.EncryptedToken, card.Id.ToString()), cancellationToken);
            }
            catch (Exception ex) when (ex is PaylovUnavailableException or HttpRequestException)
            {
                // As when a subscription is cancelled: our copy goes regardless, and without it nobody can charge the card.
                logger.LogWarning("Paylov did not confirm removing card {PaymentMethodId}", card.Id);
            }

            card.Remove(time.GetUtcNow());
            await context.SaveChangesAsync(cancellationToken);
        }

        foreach (var connection in await context.ChannelConnections.ToListAsync(cancellationToken))
            await channels.DisconnectAsync(connection, cancellationToken);
    }

    private async Task<IReadOnlyList<string>> ErasedAddressesAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        if (request.Scope == ErasureScope.Tenant)
            return [.. (await identity.ListTenantUsersAsync(request.TenantId, cancellationToken)).Select(u => u.Email)];
        return await identity.FindByIdAsync(request.UserId, cancellationToken) is { } account ? [account.Email] : [];
    }
}
