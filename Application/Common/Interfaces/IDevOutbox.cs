namespace VirtuOps.Application.Common.Interfaces;

public enum DevOutboxChannel
{
    Sms = 0,
    Email = 1,
}

/// <summary>A message the platform would have sent, kept instead of sent (Development only).</summary>
public sealed record DevOutboxMessage(Guid Id, DevOutboxChannel Channel, string To, string? Subject, string Body, DateTimeOffset SentAt);

/// <summary>Development sinks put every SMS and e-mail here so a person or a test can read the codes and links.</summary>
public interface IDevOutbox
{
    void Add(DevOutboxChannel channel, string to, string? subject, string body);

    IReadOnlyList<DevOutboxMessage> Newest(int take);
}
