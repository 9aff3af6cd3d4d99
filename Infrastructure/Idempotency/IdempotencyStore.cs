using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Domain.Idempotency;
using VirtuOps.Infrastructure.Data;

namespace VirtuOps.Infrastructure.Idempotency;

public enum IdempotencyOutcome
{
    /// <summary>This request holds the key now: run it, then complete or release the claim.</summary>
    Claimed,

    /// <summary>The same request already ran: answer with <see cref="IdempotencyClaim.Request"/>'s stored answer.</summary>
    Replay,

    /// <summary>The same request is running right now.</summary>
    InProgress,

    /// <summary>The key was used with another request within its lifetime.</summary>
    Mismatch,
}

public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, IdempotentRequest Request);

/// <summary>
/// Claims, completes and releases idempotency keys of the caller's tenant. Each step is its own short unit of work in
/// its own scope, apart from the request's context, so the request's SaveChanges never carries the claim along.
/// </summary>
public sealed class IdempotencyStore(IServiceScopeFactory scopes, TimeProvider time)
{
    public async Task<IdempotencyClaim> ClaimAsync(string key, string requestHash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var existing = await db.IdempotentRequests.SingleOrDefaultAsync(r => r.Key == key, cancellationToken);
        if (existing is not null && !existing.IsExpired(now))
            return Decide(existing, requestHash);

        if (existing is not null)
            db.IdempotentRequests.Remove(existing);
        var claim = IdempotentRequest.Claim(key, requestHash, now);
        db.IdempotentRequests.Add(claim);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new IdempotencyClaim(IdempotencyOutcome.Claimed, claim);
        }
        catch (DbUpdateException)
        {
            // Another request with this key claimed it first (the unique index): answer as that one stands.
            db.ChangeTracker.Clear();
            var winner = await db.IdempotentRequests.AsNoTracking().SingleAsync(r => r.Key == key, cancellationToken);
            return Decide(winner, requestHash);
        }
    }

    public async Task CompleteAsync(Guid id, int status, string? contentType, string? location, byte[] body, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var request = await db.IdempotentRequests.SingleAsync(r => r.Id == id, cancellationToken);
        request.Complete(status, contentType, location, body);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Frees the key after an answer that is not kept (an error, a refusal), so a retry runs again.</summary>
    public async Task ReleaseAsync(Guid id)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        // Not the request's token: an aborted request must still free its key.
        await db.IdempotentRequests.Where(r => r.Id == id).ExecuteDeleteAsync(CancellationToken.None);
    }

    private static IdempotencyClaim Decide(IdempotentRequest existing, string requestHash) =>
        new(existing.RequestHash != requestHash ? IdempotencyOutcome.Mismatch
            : existing.IsCompleted ? IdempotencyOutcome.Replay
            : IdempotencyOutcome.InProgress, existing);
}
