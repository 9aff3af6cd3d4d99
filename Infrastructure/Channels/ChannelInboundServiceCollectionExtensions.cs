using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VirtuOps.Application.Channels.Common;
using VirtuOps.Application.Channels.Inbound.Common;
using VirtuOps.Application.Common.Interfaces;

namespace VirtuOps.Infrastructure.Channels;

public static class ChannelInboundServiceCollectionExtensions
{
    /// <summary>The webhook inbox: its group-commit writer, the processor's wake-up signal and the processor.</summary>
    internal static IServiceCollection AddChannelInbound(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChannelInboundOptions>()
            .Bind(configuration.GetSection(ChannelInboundOptions.SectionName))
            .Validate(o => o.SweepInterval > TimeSpan.Zero, "Channels:Inbound:SweepInterval must be positive.")
            .ValidateOnStart();
        services.AddSingleton<InboundEventSignal>();
        services.AddSingleton<IInboundEventSignal>(sp => sp.GetRequiredService<InboundEventSignal>());
        services.AddSingleton<GroupCommitInboundEventStore>();
        services.AddSingleton<IInboundEventStore>(sp => sp.GetRequiredService<GroupCommitInboundEventStore>());
        services.AddSingleton<IDatabaseWriter>(sp => sp.GetRequiredService<GroupCommitInboundEventStore>());
        services.AddSingleton<WebhookConnectionCache>();
        services.AddScoped<InboundEventProcessor>();
        return services;
    }

    internal static IServiceCollection AddChannelInboundProcessor(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue($"{ChannelInboundOptions.SectionName}:{nameof(ChannelInboundOptions.RunProcessor)}", true))
            services.AddHostedService<InboundEventProcessingService>();
        return services;
    }
}
