namespace VirtuOps.Application.Common.Interfaces;

/// <summary>An SMS to one mobile number in E.164 form (e.g. +998901234567).</summary>
public sealed record SmsMessage(string PhoneNumber, string Text);

/// <summary>The gateway's id for a sent SMS; delivery callbacks refer to it.</summary>
public sealed record SmsReceipt(string ProviderMessageId);

/// <summary>Sends text messages through the configured SMS gateway.</summary>
public interface ISmsSender
{
    Task<SmsReceipt> SendAsync(SmsMessage message, CancellationToken cancellationToken);
}
