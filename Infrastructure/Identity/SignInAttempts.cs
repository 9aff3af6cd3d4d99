using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VirtuOps.Infrastructure.Data;

namespace VirtuOps.Infrastructure.Identity;

/// <summary>
/// Recent password attempts for one e-mail address, kept whether or not an account has that address, so a lockout
/// cannot tell an attacker which addresses are customers.
/// </summary>
public sealed class SignInAttemptCount
{
    public const int NormalizedEmailMaxLength = 256;

    public string NormalizedEmail { get; set; } = string.Empty;

    /// <summary>Attempts since the last successful sign-in, while they keep coming less than a lockout span apart.</summary>
    public int Attempts { get; set; }

    public DateTimeOffset LastAttemptAt { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }
}

/// <summary>
/// The lockout rule of <see cref="LockoutOptions"/> (5 failed passwords lock for 15 minutes), applied per e-mail
/// address instead of per account. An attempt is counted before its password is checked, in one atomic update, so a
/// burst of parallel guesses gets no more checks than the rule allows.
/// </summary>
internal sealed class SignInAttempts(ApplicationDbContext context, IOptions<IdentityOptions> identityOptions, TimeProvider time)
{
    private LockoutOptions Rule => identityOptions.Value.Lockout;

    /// <summary>
    /// Counts an attempt. Null when the password may be checked; otherwise the address is locked out for the time
    /// returned and the password must not be checked.
    /// </summary>
    public async Task<TimeSpan?> BeginAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var quietSince = now - Rule.DefaultLockoutTimeSpan;
        // Addresses nobody tried for a lockout span start from zero anyway; their rows would only pile up.
        await context.SignInAttemptCounts.Where(c => c.LastAttemptAt < quietSince).ExecuteDeleteAsync(cancellationToken);

        for (var insertRaces = 0; ; insertRaces++)
        {
            var counted = await context.SignInAttemptCounts
                .Where(c => c.NormalizedEmail == normalizedEmail && (c.LockedUntil == null || c.LockedUntil <= now))
                .ExecuteUpdateAsync(set => set
                    .SetProperty(c => c.Attempts, c => c.LastAttemptAt < quietSince ? 1 : c.Attempts + 1)
                    .SetProperty(c => c.LastAttemptAt, now), cancellationToken);
            var count = await context.SignInAttemptCounts.AsNoTracking()
                .Where(c => c.NormalizedEmail == normalizedEmail)
                .Select(c => new { c.Attempts, c.LockedUntil })
                .SingleOrDefaultAsync(cancellationToken);
            if (count is not null)
            {
                if (count.LockedUntil is { } lockedUntil && lockedUntil > now)
                    return lockedUntil - now;
                // A parallel attempt inserted the row between our update and this read: count this one on it too.
                if (counted == 0)
                    continue;
                // Parallel attempts beyond the allowance lock the address without a password check.
                if (count.Attempts <= Rule.MaxFailedAccessAttempts)
                    return null;
                return await LockAsync(normalizedEmail, cancellationToken);
            }

            var first = new SignInAttemptCount { NormalizedEmail = normalizedEmail, Attempts = 1, LastAttemptAt = now };
            context.SignInAttemptCounts.Add(first);
            try
            {
                await context.SaveChangesAsync(cancellationToken);
                return null;
            }
            catch (DbUpdateException) when (insertRaces == 0)
            {
                // A parallel attempt inserted the row first: count this one on it.
                context.Entry(first).State = EntityState.Detached;
            }
        }
    }

    /// <summary>After a wrong password: when that was the last one allowed, it locks the address for the time returned.</summary>
    public async Task<TimeSpan?> FailedAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        var attempts = await context.SignInAttemptCounts.AsNoTracking()
            .Where(c => c.NormalizedEmail == normalizedEmail).Select(c => c.Attempts).SingleOrDefaultAsync(cancellationToken);
        if (attempts < Rule.MaxFailedAccessAttempts)
            return null;
        return await LockAsync(normalizedEmail, cancellationToken);
    }

    public Task SucceededAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        context.SignInAttemptCounts.Where(c => c.NormalizedEmail == normalizedEmail).ExecuteDeleteAsync(cancellationToken);

    private async Task<TimeSpan> LockAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + Rule.DefaultLockoutTimeSpan;
        await context.SignInAttemptCounts
            .Where(c => c.NormalizedEmail == normalizedEmail)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.LockedUntil, until), cancellationToken);
        return Rule.DefaultLockoutTimeSpan;
    }
}
