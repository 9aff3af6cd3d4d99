using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Application.Bots.Common;
using VirtuOps.Infrastructure.Identity;

namespace VirtuOps.WebApi.Infrastructure;

/// <summary>
/// Requests per API key per minute, by the plan of the key's tenant (<c>Billing:Plans:*:ApiRequestsPerMinute</c>, else
/// <c>Plans:DefaultApiRequestsPerMinute</c>). Every key-authenticated response carries <c>RateLimit-Limit</c>,
/// <c>RateLimit-Remaining</c> and <c>RateLimit-Reset</c> (seconds); past the limit it is a 429 with <c>Retry-After</c>.
/// Windows are fixed minutes of the clock, counted per instance.
/// </summary>
/// <remarks>
/// Not ASP.NET Core's rate limiter: a partition's limiter does not tell when its window ends, and a rejection's
/// Retry-After is a whole window, while integrators need the exact reset to pace themselves.
/// </remarks>
public sealed class ApiKeyRateLimiter(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // One counter per key; keys are few and known (only authenticated keys get here), so nothing needs evicting.
    private readonly ConcurrentDictionary<string, Counter> _counters = new();

    public sealed record Decision(bool Allowed, int Limit, int Remaining, int ResetSeconds);

    public Decision Acquire(string keyId, int limit)
    {
        var now = time.GetUtcNow().UtcTicks;
        var window = now / Window.Ticks;
        var resetSeconds = (int)Math.Ceiling(TimeSpan.FromTicks((window + 1) * Window.Ticks - now).TotalSeconds);
        var counter = _counters.GetOrAdd(keyId, _ => new Counter());
        lock (counter)
        {
            if (counter.Window != window)
            {
                counter.Window = window;
                counter.Used = 0;
            }

            if (counter.Used >= limit)
                return new Decision(false, limit, 0, resetSeconds);
            counter.Used++;
            return new Decision(true, limit, limit - counter.Used, resetSeconds);
        }
    }

    private sealed class Counter
    {
        public long Window { get; set; } = -1;

        public int Used { get; set; }
    }
}

public static class ApiKeyRateLimits
{
    public static IServiceCollection AddApiKeyRateLimits(this IServiceCollection services) => services.AddSingleton<ApiKeyRateLimiter>();

    /// <summary>After authentication (it needs the key), before anything that does work for the request.</summary>
    public static IApplicationBuilder UseApiKeyRateLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.FindFirstValue(VirtuOpsClaimTypes.ApiKeyId) is not { } keyId)
        {
            await next(context);
            return;
        }

        var services = context.RequestServices;
        var plan = context.User.FindFirstValue(VirtuOpsClaimTypes.PlanCode) is { } code ? services.GetRequiredService<IOptions<BillingOptions>>().Value.Find(code) : null;
        var limit = plan is { ApiRequestsPerMinute: > 0 } ? plan.ApiRequestsPerMinute : services.GetRequiredService<IOptions<PlanLimitsOptions>>().Value.DefaultApiRequestsPerMinute;
        var decision = services.GetRequiredService<ApiKeyRateLimiter>().Acquire(keyId, limit);

        var headers = context.Response.Headers;
        headers["RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        if (decision.Allowed)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        headers.RetryAfter = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        var request = context.Request;
        await services.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = RequestLanguage.Pick(request, "Soʻrovlar juda koʻp.", "Слишком много запросов.", "Too many requests."),
                Detail = RequestLanguage.Pick(request,
                    $"Bu API kaliti tarifingiz boʻyicha daqiqasiga {decision.Limit} ta soʻrov yubora oladi. {decision.ResetSeconds} soniyadan keyin qayta urinib koʻring.",
                    $"Этот API-ключ может отправлять {decision.Limit} запросов в минуту по вашему тарифу. Повторите через {decision.ResetSeconds} с.",
                    $"This API key may make {decision.Limit} requests per minute on your plan. Try again in {decision.ResetSeconds} seconds."),
            },
        });
    });
}
