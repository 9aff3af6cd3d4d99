using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Infrastructure.Paylov.Sandbox;

namespace VirtuOps.Infrastructure.Paylov;

public static class PaylovServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPaylovClient"/> from the <c>Paylov</c> section (validated on start): the HTTP client when
    /// <c>Paylov:BaseUrl</c> is set, otherwise the in-process <see cref="SandboxPaylovClient"/>, which is refused in
    /// Production so a missing setting can never turn real billing into pretend billing.
    /// </summary>
    /// <summary>True when no Paylov endpoint is configured, so the sandbox gateway stands in.</summary>
    public static bool UsesSandbox(IConfiguration configuration) =>
        (configuration.GetSection(PaylovOptions.SectionName).Get<PaylovOptions>() ?? new PaylovOptions()).UsesSandbox;

    public static IServiceCollection AddPaylov(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);

        var section = configuration.GetSection(PaylovOptions.SectionName);
        services.AddOptions<PaylovOptions>()
            .Bind(section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<PaylovCallbackCredentials>();

        var options = section.Get<PaylovOptions>() ?? new PaylovOptions();
        if (options.UsesSandbox)
        {
            // The host refuses to start Production with the sandbox (see UsesSandbox); registering it here keeps the
            // build-time OpenAPI run, which has no settings, working.
            services.TryAddSingleton(TimeProvider.System);
            services.AddSingleton<SandboxPaylovClient>();
            services.AddSingleton<IPaylovClient>(sp => sp.GetRequiredService<SandboxPaylovClient>());
            return services;
        }

        services.AddHttpClient<IPaylovClient, PaylovClient>((sp, client) =>
            {
                var paylov = sp.GetRequiredService<IOptions<PaylovOptions>>().Value;
                // A trailing slash keeps any path in the base URL when the relative API paths are added.
                client.BaseAddress = new Uri(paylov.BaseUrl!.TrimEnd('/') + "/");
                client.DefaultRequestHeaders.Add(PaylovWire.MerchantIdHeader, paylov.MerchantId);
                client.DefaultRequestHeaders.Add(PaylovWire.ApiKeyHeader, paylov.ApiKey);
            })
            // The factory's request logging puts header values (the API key) into the log state; it stays off.
            .RemoveAllLoggers()
            .AddResilienceHandler("Paylov", (pipeline, context) =>
            {
                var paylov = context.ServiceProvider.GetRequiredService<IOptions<PaylovOptions>>().Value;
                // Every call may be repeated: charges, receipts and binding starts carry an Idempotency-Key that is
                // the same on every attempt (Paylov answers a repeat with the first result, it does not charge
                // again); status reads and card removal change nothing when repeated. No circuit breaker: a charge
                // refused by an open circuit would only add a second kind of "unknown outcome".
                if (paylov.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = paylov.MaxRetries,
                        Delay = paylov.RetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                    });
                }

                // Inside the retry, so the timeout bounds each attempt and a slow attempt is repeated.
                pipeline.AddTimeout(paylov.AttemptTimeout);
            });
        return services;
    }
}
