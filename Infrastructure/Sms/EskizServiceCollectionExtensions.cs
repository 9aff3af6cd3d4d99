using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly;
using VirtuOps.Application.Common.Interfaces;

namespace VirtuOps.Infrastructure.Sms;

public static class EskizServiceCollectionExtensions
{
    /// <summary>How long one send request may take before it is abandoned (and reported as possibly sent).</summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Sends SMS through Eskiz.uz, configured by the <c>Sms:Eskiz</c> section (validated on start).</summary>
    public static IServiceCollection AddEskizSmsSender(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EskizOptions>()
            .Bind(configuration.GetSection(EskizOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<EskizTokenProvider>();

        // Logging in changes nothing at Eskiz, so the standard pipeline (timeouts, retries with backoff, circuit
        // breaker) is safe for it.
        // The factory's request logging would carry the credentials (headers in the log state, the login form), so it is off.
        services.AddHttpClient(EskizTokenProvider.HttpClientName, UseBaseUrl)
            .RemoveAllLoggers()
            .AddStandardResilienceHandler();

        // Sending gets a timeout and no retry. A send that failed or timed out may still have been accepted by the
        // gateway, and repeating it would deliver the SMS twice; whether to try again is the caller's decision.
        services.AddHttpClient<ISmsSender, EskizSmsSender>(UseBaseUrl)
            .RemoveAllLoggers()
            .AddResilienceHandler("Eskiz.Send", pipeline => pipeline.AddTimeout(SendTimeout));

        return services;
    }

    private static void UseBaseUrl(IServiceProvider services, HttpClient client) =>
        // A trailing slash keeps any path in the base URL when the relative API paths are added.
        client.BaseAddress = new Uri(services.GetRequiredService<IOptions<EskizOptions>>().Value.BaseUrl.TrimEnd('/') + "/");
}
