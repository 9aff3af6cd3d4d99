using Microsoft.AspNetCore.Antiforgery;
using VirtuOps.Infrastructure.Identity;

namespace VirtuOps.WebApi.Infrastructure;

/// <summary>
/// Cookie-to-header antiforgery for the SPA: every API response carries a readable <c>XSRF-TOKEN</c> cookie for
/// the current user, and state-changing requests of cookie-authenticated groups must echo it in <c>X-XSRF-TOKEN</c>.
/// Requests with an API key are exempt: a browser cannot be tricked into sending that header cross-site.
/// </summary>
public static class Antiforgery
{
    public const string CookieName = "XSRF-TOKEN";
    public const string HeaderName = "X-XSRF-TOKEN";

    public static IServiceCollection AddSpaAntiforgery(this IServiceCollection services) =>
        services.AddAntiforgery(options =>
        {
            options.HeaderName = HeaderName;
            options.Cookie.Name = "virtuops.af";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });

    /// <summary>
    /// Issues the token cookie with every API response, for the user the response is for: a sign-in or sign-out
    /// changes the user during the request, so the token is made just before the response starts.
    /// </summary>
    public static IApplicationBuilder UseSpaAntiforgeryCookie(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                context.Response.OnStarting(() =>
                {
                    var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
                    context.Response.Cookies.Append(CookieName, tokens.RequestToken!, new CookieOptions
                    {
                        HttpOnly = false, // the SPA reads it to send it back in the header
                        SameSite = SameSiteMode.Strict,
                        Secure = context.Request.IsHttps,
                        Path = "/",
                    });
                    return Task.CompletedTask;
                });
            }

            await next(context);
        });

    public static TBuilder RequireAntiforgeryToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var http = invocation.HttpContext;
            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
                && !http.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName))
                await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            return await next(invocation);
        });
}
