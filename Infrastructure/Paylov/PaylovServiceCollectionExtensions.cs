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
        // Which binding the owner's card goes through (Hosted | Direct): a setting of the Paylov section, read by the billing commands.
        services.AddOptions<CardBindingOptions>()
            .Bind(section)
            .Validate(o => Enum.IsDefined(o.CardBinding), "Paylov:CardBinding is Hosted or Direct.")
            .Validate(o => o.OtpAttempts is >= 1 and <= 10 && o.OtpLifetime > TimeSpan.Zero, "Paylov:OtpAttempts is 1 to 10 and Paylov:OtpLifetime positive.")
            .ValidateOnStart();

        var options = section.Get<PaylovOptions>() ?? new PaylovOptions();
        if (options.UsesSandbox)
        {
            // The host refuses to start Production with the sandbox (see UsesSandbox); registering it here keeps the
            // build-time OpenAPI run, which has no settings, working.
            services.TryAddSingleton(TimeProvider.System);
            services.AddSingleton<SandboxPaylovClient>();
            services.AddSingleton<IPaylovClient>(sp => sp.GetRequiredService<SandboxPaylovClient>());
            services.AddSingleton<IPaylovCardBinding>(sp => sp.GetRequiredService<SandboxPaylovClient>());
            services.AddSingleton<IPaylovPayouts>(sp => sp.GetRequiredService<SandboxPaylovClient>());
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PaylovTokens>();
        services.AddTransient<PaylovAuthenticationHandler>();
        services.AddHttpClient(PaylovTokens.HttpClientName, (sp, client) =>
            {
                var paylov = sp.GetRequiredService<IOptions<PaylovOptions>>().Value;
                client.BaseAddress = BaseAddress(paylov);
                client.Timeout = paylov.AttemptTimeout;
            })
            // The factory's request logging puts URLs and header values (the consumer secret) into the log state.
            .RemoveAllLoggers();
        var paylovClient = services.AddHttpClient<IPaylovClient, PaylovClient>((sp, client) => client.BaseAddress = BaseAddress(sp.GetRequiredService<IOptions<PaylovOptions>>().Value))
            // Off as well: the bearer token is a header, and card removal carries the card id in its URL.
            .RemoveAllLoggers();
        paylovClient.AddResilienceHandler("Paylov", (pipeline, context) =>
            {
                var paylov = context.ServiceProvider.GetRequiredService<IOptions<PaylovOptions>>().Value;
                // Every call may be repeated: paying a transaction again answers transaction_already_payed (no second
                // charge), a repeated receipts/create moves no money (the id we store is the one paid), an OFD repeat
                // answers ofd_check_already_generated, and reads and card removal change nothing. No circuit breaker:
                // a charge refused by an open circuit would only add a second kind of "unknown outcome".
                if (paylov.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = paylov.MaxRetries,
                        Delay = paylov.RetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        // A payout is never repeated blind: its unknown outcome is looked up by external id instead.
                        ShouldHandle = args => args.Context.GetRequestMessage()?.Options.TryGetValue(PaylovWire.NoRetry, out var noRetry) == true && noRetry
                            ? ValueTask.FromResult(false)
                            : ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                    });
                }

                // Inside the retry, so the timeout bounds each attempt and a slow attempt is repeated.
                pipeline.AddTimeout(paylov.AttemptTimeout);
            });
        // Inside the retry and the timeout: each attempt carries a current token, and a 401 is answered once with a fresh one.
        paylovClient.AddHttpMessageHandler<PaylovAuthenticationHandler>();
        // The same typed client serves the card binding (same handlers, no body or URL logging).
        services.AddTransient<IPaylovCardBinding>(sp => (PaylovClient)sp.GetRequiredService<IPaylovClient>());
        services.AddTransient<IPaylovPayouts>(sp => (PaylovClient)sp.GetRequiredService<IPaylovClient>());
        return services;
    }

    // A trailing slash keeps any path in the base URL when the relative API paths are added.
    private static Uri BaseAddress(PaylovOptions paylov) => new(paylov.BaseUrl!.TrimEnd('/') + "/");
}
