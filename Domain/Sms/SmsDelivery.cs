using VirtuOps.Domain.Common;
using VirtuOps.Domain.Exceptions;

namespace VirtuOps.Domain.Sms;

/// <summary>
/// The latest delivery status an SMS gateway reported for one sent message. Callbacks may arrive twice or out of
/// order, so a status only replaces the stored one when it is strictly newer.
/// </summary>
public sealed class SmsDelivery : BaseAuditableEntity
{
    public const int ProviderMessageIdMaxLength = 64;
    public const int MaskedPhoneNumberMaxLength = 16;
    public const int StatusMaxLength = 32;

    private const int VisiblePhoneDigits = 4;

    private SmsDelivery(string providerMessageId, string phoneNumber, string status, DateTimeOffset statusAt)
    {
        ProviderMessageId = providerMessageId;
        PhoneNumber = phoneNumber;
        Status = status;
        StatusAt = statusAt;
    }

    public string ProviderMessageId { get; private set; }

    /// <summary>Only the last four digits (e.g. <c>****4567</c>): enough for support, not personal data to guard.</summary>
    public string PhoneNumber { get; private set; }

    /// <summary>The gateway's status code, e.g. <c>DELIVRD</c>, <c>UNDELIV</c>, <c>EXPIRED</c>, <c>REJECTD</c>.</summary>
    public string Status { get; private set; }

    /// <summary>When the gateway says the message reached <see cref="Status"/>.</summary>
    public DateTimeOffset StatusAt { get; private set; }

    public static SmsDelivery Record(string providerMessageId, string phoneNumber, string status, DateTimeOffset statusAt)
    {
        var id = providerMessageId?.Trim() ?? string.Empty;
        if (id.Length is 0 or > ProviderMessageIdMaxLength)
            throw new DomainRuleViolationException($"An SMS delivery needs the gateway's message id (at most {ProviderMessageIdMaxLength} characters).");
        return new SmsDelivery(id, MaskPhoneNumber(phoneNumber), ValidStatus(status), statusAt);
    }

    /// <summary>Applies a later report; a replayed or older one changes nothing.</summary>
    public void Report(string status, DateTimeOffset statusAt)
    {
        var reported = ValidStatus(status);
        if (statusAt <= StatusAt)
            return;

        Status = reported;
        StatusAt = statusAt;
    }

    public static string MaskPhoneNumber(string phoneNumber)
    {
        var digits = new string((phoneNumber ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        return digits.Length < VisiblePhoneDigits
            ? new string('*', VisiblePhoneDigits)
            : string.Concat("****", digits.AsSpan(digits.Length - VisiblePhoneDigits));
    }

    private static string ValidStatus(string status)
    {
        var trimmed = status?.Trim().ToUpperInvariant() ?? string.Empty;
        if (trimmed.Length is 0 or > StatusMaxLength)
            throw new DomainRuleViolationException($"An SMS delivery status is 1 to {StatusMaxLength} characters.");
        return trimmed;
    }
}
