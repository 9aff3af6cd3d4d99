namespace VirtuOps.Application.Webhooks.Common;

/// <summary>Refuses webhook URLs that lead into our own network (loopback, private, link-local), as <see cref="WebhookOptions"/> says.</summary>
public interface IWebhookTargetGuard
{
    /// <summary>Why <paramref name="url"/> may not be used, or null when it may.</summary>
    Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken);
}
