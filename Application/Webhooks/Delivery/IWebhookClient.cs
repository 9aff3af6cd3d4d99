namespace VirtuOps.Application.Webhooks.Delivery;

/// <summary>What one POST to a receiver came to: its status code (null when there was no answer), how long it took, and why it failed.</summary>
public sealed record WebhookPostResult(int? StatusCode, TimeSpan Duration, string? Error)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>Posts a signed event to a receiver, cut off after the configured timeout, never following redirects.</summary>
public interface IWebhookClient
{
    Task<WebhookPostResult> PostAsync(string url, string body, string signature, Guid eventId, string eventType, CancellationToken cancellationToken);
}
