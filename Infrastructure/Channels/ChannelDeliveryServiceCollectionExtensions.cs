using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Channels.Common;
using VirtuOps.Application.Channels.Delivery;

namespace VirtuOps.Infrastructure.Channels;

public static class ChannelDeliveryServiceCollectionExtensions
{
    /// <summary>The outbox delivery pieces; the signal is always there, so commands can wake a worker that may not run here.</summary>
    public static IServiceCollection AddChannelDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeliveryOptions>()
            .Bind(configuration.GetSection(DeliveryOptions.SectionName))
            .Validate(o => o.MaxAttempts >= 1 && o.Concurrency is >= 1 and <= 256 && o.BatchSize >= 1, "Channels:Delivery needs MaxAttempts, Concurrency (1–256) and BatchSize of at least 1.")
            .Validate(o => o.BackoffBase > TimeSpan.Zero && o.BackoffCap >= o.BackoffBase, "Channels:Delivery:BackoffCap must be at least BackoffBase, which must be positive.")
            .Validate(o => o.ClaimLease > TimeSpan.Zero && o.PollInterval > TimeSpan.Zero, "Channels:Delivery:ClaimLease and PollInterval must be positive.")
            .Validate(o => o.TelegramPerBotPerSecond >= 1 && o.WhatsAppPerNumberPerSecond >= 1 && o.InstagramPerAccountPerSecond >= 1,
                "Channels:Delivery per-second rates must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<OutboundDeliverySignal>();
        services.AddSingleton<IOutboundDeliverySignal>(sp => sp.GetRequiredService<OutboundDeliverySignal>());
        services.AddSingleton<DeliveryPacer>();
        services.AddSingleton<DeliveryRetryPolicy>();
        services.AddScoped<OutboundDelivery>();
        services.AddScoped<OutboundMessageSender>();
        return services;
    }

    /// <summary>The background worker, unless <c>Channels:Delivery:RunWorker</c> is false (tests drive delivery by hand).</summary>
    public static IServiceCollection AddChannelDeliveryWorker(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue($"{DeliveryOptions.SectionName}:{nameof(DeliveryOptions.RunWorker)}", true))
            services.AddHostedService<OutboundDeliveryWorker>();
        return services;
    }
}
