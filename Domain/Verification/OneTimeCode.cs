using VirtuOps.Domain.Common;

namespace VirtuOps.Domain.Verification;

/// <summary>
/// A 6-digit code sent by SMS. Only its hash is kept; it lives 5 minutes, allows 5 tries, and a new one
/// cannot be sent sooner than 60 seconds after the last.
/// </summary>
public sealed class OneTimeCode : BaseEntity
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan ResendCooldown = TimeSpan.FromSeconds(60);
    public const int MaxAttempts = 5;
    public const int Length = 6;

    private OneTimeCode(Guid userId, OneTimeCodePurpose purpose, string phoneNumber, string codeHash, DateTimeOffset sentAt)
    {
        UserId = userId;
        Purpose = purpose;
        PhoneNumber = phoneNumber;
        CodeHash = codeHash;
        SentAt = sentAt;
        ExpiresAt = sentAt + Lifetime;
    }

    public Guid UserId { get; private set; }

    public OneTimeCodePurpose Purpose { get; private set; }

    /// <summary>The E.164 number the code was sent to; verifying confirms exactly this number.</summary>
    public string PhoneNumber { get; private set; }

    public string CodeHash { get; private set; }

    public DateTimeOffset SentAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public int FailedAttempts { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public static OneTimeCode Issue(Guid userId, OneTimeCodePurpose purpose, string phoneNumber, string codeHash, DateTimeOffset now) =>
        new(userId, purpose, phoneNumber, codeHash, now);

    /// <summary>When the user may ask for another code, given the latest one sent.</summary>
    public DateTimeOffset NextResendAllowedAt => SentAt + ResendCooldown;

    public int AttemptsLeft => Math.Max(0, MaxAttempts - FailedAttempts);

    public CodeCheckResult Check(string code, DateTimeOffset now, Func<string, string, bool> matchesHash)
    {
        if (UsedAt is not null)
            return CodeCheckResult.AlreadyUsed;
        if (FailedAttempts >= MaxAttempts)
            return CodeCheckResult.TooManyAttempts;
        if (now >= ExpiresAt)
            return CodeCheckResult.Expired;
        if (!matchesHash(code, CodeHash))
        {
            FailedAttempts++;
            return FailedAttempts >= MaxAttempts ? CodeCheckResult.TooManyAttempts : CodeCheckResult.Wrong;
        }

        UsedAt = now;
        return CodeCheckResult.Accepted;
    }
}
