using VirtuOps.Domain.Common;

namespace VirtuOps.Domain.PrivacyRequests;

/// <summary>
/// A request sent signed out, waiting for its sender to open the link e-mailed to the address they typed. Only then
/// is it recorded as a <see cref="PrivacyRequest"/> (and the 15 business days start); unconfirmed ones expire.
/// </summary>
public sealed class UnconfirmedPrivacyRequest : BaseEntity
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private UnconfirmedPrivacyRequest(PrivacyRequestKind kind, string email, string text, string tokenHash, DateTimeOffset sentAt)
    {
        Kind = kind;
        Email = email;
        Text = text;
        TokenHash = tokenHash;
        SentAt = sentAt;
        ExpiresAt = sentAt + Lifetime;
    }

    public PrivacyRequestKind Kind { get; private set; }

    public string Email { get; private set; }

    public string Text { get; private set; }

    /// <summary>The hash of the random token in the e-mailed link; the token itself is never stored.</summary>
    public string TokenHash { get; private set; }

    public DateTimeOffset SentAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public static UnconfirmedPrivacyRequest Send(PrivacyRequestKind kind, string email, string text, string tokenHash, DateTimeOffset now) =>
        new(kind, email.Trim().ToLowerInvariant(), text.Trim(), tokenHash, now);
}
