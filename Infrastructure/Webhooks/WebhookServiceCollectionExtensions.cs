using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Webhooks.Common;
using VirtuOps.Application.Webhooks.Delivery;

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
        services.AddSingleton<WebhookDeliverySignal>();
        services.AddSingleton<IWebhookDeliverySignal>(sp => sp.GetRequiredService<WebhookDeliverySignal>());
        services.AddHttpClient(WebhookHttpClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookHttpClient.CreateHandler(sp.GetRequiredService<IOptions<WebhookOptions>>()));
        services.AddSingleton<IWebhookClient, WebhookHttpClient>();
        services.AddScoped<WebhookDispatcher>();
        services.AddSingleton<WebhookSender>();
        return services;
    }

    /// <summary>The delivery worker, unless <c>Webhooks:RunWorker</c> is false.</summary>
    public static IServiceCollection AddWebhookDeliveryWorker(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue($"{WebhookOptions.SectionName}:{nameof(WebhookOptions.RunWorker)}", true))
            services.AddHostedService<WebhookDeliveryWorker>();
        return services;
    }
}
