using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using VirtuOps.Application.Channels.Common;
using VirtuOps.Infrastructure.Meta;
using VirtuOps.Infrastructure.Telegram;

namespace VirtuOps.Infrastructure.Channels;

public static class ChannelApisServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ITelegramBotApi"/> (section <c>Telegram</c>) and <see cref="IMetaGraphApi"/> (section
    /// <c>Meta</c>), options validated on start.
    /// </summary>
    public static IServiceCollection AddChannelApis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelegramOptions>()
            .Bind(configuration.GetSection(TelegramOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<MetaOptions>()
            .Bind(configuration.GetSection(MetaOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddHttpClient<ITelegramBotApi, TelegramBotApiClient>((sp, client) =>
                client.BaseAddress = BaseAddress(sp.GetRequiredService<IOptions<TelegramOptions>>().Value.BaseUrl))
            // The bot token is in every request's path, and the factory's logging writes each request's URI.
            .RemoveAllLoggers()
            .AddChannelResilience<TelegramOptions>("Telegram");

        services.AddHttpClient<IMetaGraphApi, MetaGraphClient>((sp, client) =>
                client.BaseAddress = BaseAddress(sp.GetRequiredService<IOptions<MetaOptions>>().Value.GraphBaseUrl))
            // The factory's header logging masks values in the message but hands the raw Authorization header to
            // structured log sinks in its state; the adapter logs its own outcomes instead.
            .RemoveAllLoggers()
            .AddChannelResilience<MetaOptions>("Meta");

        return services;
    }

    // A trailing slash keeps the base URL's path (Graph's /v21.0) when the relative API paths are added.
    private static Uri BaseAddress(string baseUrl) => new(baseUrl.TrimEnd('/') + "/");

    /// <summary>
    /// A timeout per attempt, and retries for reads only. A send is never repeated here: the delivery worker retries
    /// it with its own backoff and ordering, and a repeat after a lost answer would deliver the message twice.
    /// Webhook changes are POSTs too and are not repeated either; the owner sees the failure and tries again.
    /// </summary>
    private static IHttpClientBuilder AddChannelResilience<TOptions>(this IHttpClientBuilder builder, string name)
        where TOptions : ChannelApiOptions
    {
        builder.AddResilienceHandler(name, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<TOptions>>().Value;
            if (options.ReadRetries > 0)
            {
                var retry = new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.ReadRetries,
                    Delay = options.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    // Not 429: a rate limit's wait can be long, and the caller (a person connecting a channel) should see it.
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                    {
                        { Exception: HttpRequestException or TimeoutRejectedException } => true,
                        { Result: { } response } => (int)response.StatusCode >= 500,
                        _ => false,
                    }),
                };
                retry.DisableForUnsafeHttpMethods();
                pipeline.AddRetry(retry);
            }

            // Inside the retry, so the timeout bounds each attempt.
            pipeline.AddTimeout(options.AttemptTimeout);
        });
        return builder;
    }
}
