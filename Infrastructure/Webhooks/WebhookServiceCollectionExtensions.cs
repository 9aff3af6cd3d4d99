using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Webhooks.Common;

namespace VirtuOps.Infrastructure.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    public static IServiceCollection AddOutgoingWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.SectionName))
            .Validate(o => o.Timeout > TimeSpan.Zero && o.RetryWindow > TimeSpan.Zero && o.SecretRotationWindow >= TimeSpan.Zero,
                "Webhooks:Timeout and RetryWindow must be positive, SecretRotationWindow not negative.")
            .Validate(o => o.BackoffBase > TimeSpan.Zero && o.BackoffCap >= o.BackoffBase, "Webhooks:BackoffCap must be at least BackoffBase, which must be positive.")
            .Validate(o => o.Concurrency is >= 1 and <= 256 && o.BatchSize >= 1 && o.PollInterval > TimeSpan.Zero,
                "Webhooks needs Concurrency (1–256), BatchSize of at least 1 and a positive PollInterval.")
            .Validate(o => o.DeliveryLogRetentionDays is >= 1 and <= 3650, "Webhooks:DeliveryLogRetentionDays is between 1 and 3650.")
            .ValidateOnStart();
        services.AddSingleton<IWebhookTargetGuard, WebhookTargetGuard>();
        return services;
    }
}
