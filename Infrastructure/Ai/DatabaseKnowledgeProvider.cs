using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Bots.Answering;
using VirtuOps.Infrastructure.Data;

namespace VirtuOps.Infrastructure.Ai;

/// <summary>
/// Reads a bot's knowledge for the answer engine. The engine's index outlives requests, so each read uses its own
/// scope; callers have already checked that the bot belongs to the tenant, so the lookup is by bot id alone.
/// </summary>
internal sealed class DatabaseKnowledgeProvider(IServiceScopeFactory scopes) : IKnowledgeProvider
{
    public async Task<KnowledgeSnapshot> GetSnapshotAsync(Guid botId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        // The version before the entries: if an edit lands in between, the index is labelled older than its content
        // and is rebuilt once more, never the other way round.
        var version = await context.Bots.IgnoreQueryFilters()
            .Where(b => b.Id == botId)
            .Select(b => b.KnowledgeVersion)
            .SingleOrDefaultAsync(cancellationToken);
        var entries = await context.KnowledgeEntries.IgnoreQueryFilters().AsNoTracking()
            .Where(k => k.BotId == botId)
            .Select(k => new { k.Id, k.Questions, k.Answer })
            .ToListAsync(cancellationToken);
        return new KnowledgeSnapshot(version, entries.Select(e => new KnowledgeItem(e.Id, e.Questions, e.Answer)).ToList());
    }
}
