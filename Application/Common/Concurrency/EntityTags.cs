namespace VirtuOps.Application.Common.Concurrency;

/// <summary>
/// Strong HTTP entity tags from an entity's version counter, and the <c>If-Match</c> check of a conditional write.
/// The counter is also an EF concurrency token, so of two writes that pass the check at once only the first saves.
/// </summary>
public static class EntityTags
{
    /// <summary>The entity tag of a version, quoted as HTTP writes it: <c>"7"</c>.</summary>
    public static string Of(long version) => $"\"{version}\"";

    /// <summary>
    /// Throws <see cref="PreconditionFailedException"/> unless <paramref name="ifMatch"/> is absent, <c>*</c>, or lists
    /// the current version's tag. Weak tags (<c>W/"7"</c>) never match: a write needs strong comparison.
    /// </summary>
    public static void EnsureMatches(string? ifMatch, long currentVersion)
    {
        if (ifMatch is null || ifMatch.Trim() == "*")
            return;
        var current = Of(currentVersion);
        if (!ifMatch.Split(',').Any(tag => tag.Trim() == current))
            throw new PreconditionFailedException();
    }

    /// <summary>
    /// Saves a conditional write; a concurrent write that saved first is a failed precondition when the caller sent
    /// <c>If-Match</c>, otherwise a conflict (the caller asked for no version, yet its change was not applied).
    /// </summary>
    public static async Task SaveChangesIfUnchangedAsync(this IApplicationDbContext context, string? ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException exception)
        {
            if (ifMatch is not null)
                throw new PreconditionFailedException(PreconditionFailedException.DefaultMessage, exception);
            throw new ConflictException("This was changed by someone else at the same moment. Reload it and try again.", exception);
        }
    }
}
