using VirtuOps.Application.Bots.Answering;
using VirtuOps.Application.ProcessingRestriction.Common;
using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Consents;

namespace VirtuOps.Application.Bots.Common;

/// <summary>
/// Asks the answer engine on a bot's behalf, passing whether the tenant lets its data go to an AI provider. Refuses
/// (409) while the tenant's processing is restricted: no question of theirs reaches the engine or an LLM.
/// </summary>
public sealed class BotResponder(IApplicationDbContext context, IAnswerEngine engine, ProcessingRestrictions restrictions)
{
    // Read once per tenant and scope: the inbox processor answers many messages in one scope.
    private readonly Dictionary<Guid, bool> _aiDataSharingAllowed = [];

    public async Task<AnswerResult> AnswerAsync(Bot bot, string question, CancellationToken cancellationToken)
    {
        await restrictions.ThrowIfRestrictedAsync(bot.TenantId, cancellationToken);
        if (!_aiDataSharingAllowed.TryGetValue(bot.TenantId, out var allowed))
            _aiDataSharingAllowed[bot.TenantId] = allowed = await AiDataSharingAllowedAsync(bot.TenantId, cancellationToken);
        var profile = new BotAnsweringProfile(bot.Id, bot.KnowledgeVersion, bot.TenantId, bot.Name, bot.Persona, bot.FallbackMessage, bot.ConfidenceThreshold, allowed);
        return await engine.AnswerAsync(profile, question, cancellationToken);
    }

    /// <summary>The tenant's latest AiDataSharing decision, by anyone in the tenant, is a grant.</summary>
    private async Task<bool> AiDataSharingAllowedAsync(Guid tenantId, CancellationToken cancellationToken) =>
        await context.ConsentRecords
            .Where(c => c.TenantId == tenantId && c.Kind == ConsentKind.AiDataSharing)
            .OrderByDescending(c => c.OccurredAt)
            .ThenByDescending(c => c.Id)
            .Select(c => (ConsentAction?)c.Action)
            .FirstOrDefaultAsync(cancellationToken) == ConsentAction.Granted;
}
