using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Domain.Bots;
using VirtuOps.Infrastructure.Data;

namespace VirtuOps.WebApi.Infrastructure;

/// <summary>The page origin a widget request comes from (a same-origin GET carries no Origin header).</summary>
public static class WidgetOrigin
{
    public static string Of(HttpContext context) =>
        context.Request.Headers.Origin.FirstOrDefault() is { Length: > 0 } origin
            ? origin
            : $"{context.Request.Scheme}://{context.Request.Host}";
}

/// <summary>
/// CORS for the widget: each bot's owner lists the sites that may embed it, so the policy is looked up per request
/// from the widget key (in the route, or the query string for the SignalR hub). No cookies are ever allowed.
/// </summary>
internal sealed class WidgetCorsPolicyProvider(IServiceScopeFactory scopes) : ICorsPolicyProvider
{
    public const string PolicyName = "widget";

    public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        if (policyName != PolicyName)
            return null;

        var widgetKey = context.GetRouteValue("widgetKey") as string ?? context.Request.Query["widgetKey"].FirstOrDefault();
        var origin = context.Request.Headers.Origin.FirstOrDefault();
        var builder = new CorsPolicyBuilder().AllowAnyHeader().WithMethods("GET", "POST").WithExposedHeaders("Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromHours(1));
        if (widgetKey is null || origin is null)
            return builder.Build();

        await using var scope = scopes.CreateAsyncScope();
        var allowed = await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Bots.IgnoreQueryFilters()
            .Where(b => b.WidgetKey == widgetKey)
            .Select(b => b.AllowedOrigins)
            .SingleOrDefaultAsync(context.RequestAborted);
        if (allowed is not null && Bot.TryNormaliseOrigin(origin) is { } normalised && allowed.Contains(normalised))
            builder.WithOrigins(origin);
        return builder.Build();
    }

}
