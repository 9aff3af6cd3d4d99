using System.Security.Cryptography;
using VirtuOps.Domain.Common;

namespace VirtuOps.Domain.Partners;

/// <summary>
/// A tenant in the partner programme: it shares its referral code, and tenants that sign up with it earn it a
/// commission on their payments (<see cref="PartnerLedgerEntry"/>). One per tenant.
/// </summary>
public sealed class Partner : TenantOwnedEntity
{
    public const int ReferralCodeLength = 8;

    // No 0/O, 1/I/L: the code is read aloud and typed from paper too.
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private Partner(string referralCode, DateTimeOffset joinedAt)
    {
        ReferralCode = referralCode;
        JoinedAt = joinedAt;
    }

    public string ReferralCode { get; private set; }

    public DateTimeOffset JoinedAt { get; private set; }

    /// <summary>
    /// Raised by every payout request (a concurrency token): two requests racing for one balance (a double click) cannot
    /// both hold money from it; the second one's save is refused.
    /// </summary>
    public int PayoutRequests { get; private set; }

    public void RequestedPayout() => PayoutRequests++;

    public static Partner Join(DateTimeOffset now) =>
        new(RandomNumberGenerator.GetString(CodeAlphabet, ReferralCodeLength), now);

    /// <summary>How a code typed or carried in a link is compared: trimmed, upper case.</summary>
    public static string Normalize(string code) => code.Trim().ToUpperInvariant();
}
