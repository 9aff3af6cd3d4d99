using VirtuOps.Domain.Common;

namespace VirtuOps.Domain.PrivacyRequests;

/// <summary>
/// One staff member's daily digest of the privacy requests falling due, for one day (Tashkent date). Unique per staff
/// member and day, and written before the e-mail goes: a second run that day, or a retry, finds it and sends nothing.
/// </summary>
public sealed class PrivacyDigestDelivery : BaseEntity
{
    private PrivacyDigestDelivery(Guid staffUserId, DateOnly day, DateTimeOffset sentAt)
    {
        StaffUserId = staffUserId;
        Day = day;
        SentAt = sentAt;
    }

    public Guid StaffUserId { get; private set; }

    public DateOnly Day { get; private set; }

    public DateTimeOffset SentAt { get; private set; }

    public static PrivacyDigestDelivery Claim(Guid staffUserId, DateOnly day, DateTimeOffset at) => new(staffUserId, day, at);
}
