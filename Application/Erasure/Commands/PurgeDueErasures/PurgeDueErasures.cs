using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Erasure.Common;

namespace VirtuOps.Application.Erasure.Commands.PurgeDueErasures;

/// <summary>Purges every erasure whose grace period is over (see <see cref="ErasurePurge"/>); returns how many were purged.</summary>
public sealed record PurgeDueErasuresCommand : ICommand<int>;

public sealed class PurgeDueErasuresCommandHandler(
    IApplicationDbContext context, IServiceScopeFactory scopes, IPersonalDataEraser eraser, TimeProvider time)
    : ICommandHandler<PurgeDueErasuresCommand, int>
{
    public async ValueTask<int> Handle(PurgeDueErasuresCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await context.ErasureRequests
            .Where(r => r.CancelledAt == null && r.CompletedAt == null && r.PurgeAfter <= now)
            .OrderBy(r => r.PurgeAfter)
            .Select(r => new { r.Id, r.TenantId })
            .ToListAsync(cancellationToken);

        foreach (var request in due)
        {
            // Each erasure in a scope of its own tenant, so the code paths it shares with the owner's actions see its rows.
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(request.TenantId);
            await scope.ServiceProvider.GetRequiredService<ErasurePurge>().RunAsync(request.Id, cancellationToken);
        }

        // Every run, not only after a purge: a run that stopped between a purge and this still gets its bytes reclaimed.
        await eraser.ReclaimFreedSpaceAsync(cancellationToken);
        return due.Count;
    }
}
