using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Application.Development.Queries.GetDevOutbox;

namespace VirtuOps.Infrastructure.Messaging;

/// <summary>In-memory and bounded: it is a developer's window onto what would have been sent, not a store.</summary>
internal sealed class DevOutbox(TimeProvider time) : IDevOutbox
{
    private readonly Lock _gate = new();
    private readonly LinkedList<DevOutboxMessage> _messages = new();

    public void Add(DevOutboxChannel channel, string to, string? subject, string body)
    {
        lock (_gate)
        {
            _messages.AddFirst(new DevOutboxMessage(Guid.CreateVersion7(), channel, to, subject, body, time.GetUtcNow()));
            if (_messages.Count > DevOutboxLimits.Capacity)
                _messages.RemoveLast();
        }
    }

    public IReadOnlyList<DevOutboxMessage> Newest(int take)
    {
        lock (_gate)
            return _messages.Take(take).ToList();
    }
}

internal sealed class DevelopmentSmsSender(IDevOutbox outbox) : ISmsSender
{
    public Task<SmsReceipt> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        outbox.Add(DevOutboxChannel.Sms, message.PhoneNumber, subject: null, message.Text);
        return Task.FromResult(new SmsReceipt($"dev-{Guid.CreateVersion7()}"));
    }
}

internal sealed class DevelopmentEmailSender(IDevOutbox outbox) : IEmailSender
{
    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        outbox.Add(DevOutboxChannel.Email, message.To, message.Subject, message.TextBody);
        return Task.CompletedTask;
    }
}
