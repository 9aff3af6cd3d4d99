using Microsoft.AspNetCore.HttpOverrides;
using IPAddress = System.Net.IPAddress;
using IPNetwork = System.Net.IPNetwork;

namespace VirtuOps.WebApi.Infrastructure;

/// <summary>
/// What browsers may do with our responses. Every response: no MIME sniffing, the referrer cut to the origin across
/// sites, no framing (<c>frame-ancestors 'none'</c> and <c>X-Frame-Options: DENY</c>; the widget is a script on the
/// customer's page, not a frame of ours) and a Content-Security-Policy that runs only our own script files: no inline
/// scripts or styles anywhere (the SPA, the /demo/ shop, the sandbox checkout). Swagger UI's own bundle injects
/// styles and data: images, so /swagger gets those two allowances and nothing more.
/// </summary>
internal static class SecurityHeaders
{
    private const string SwaggerPolicy = "swagger";
    private static readonly PathString SwaggerPath = new("/swagger");

    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services)
    {
        services.AddSecurityHeaderPolicies(policies => policies
            .SetDefaultPolicy(headers => headers.AddCommon().AddContentSecurityPolicy(csp => csp.OwnFilesOnly()))
            .AddPolicy(SwaggerPolicy, headers => headers.AddCommon().AddContentSecurityPolicy(csp =>
            {
                csp.OwnFilesOnly();
                csp.AddStyleSrc().Self().UnsafeInline();
                csp.AddImgSrc().Self().Data();
            }))
            .SetPolicySelector(context => context.HttpContext.Request.Path.StartsWithSegments(SwaggerPath)
                ? context.ConfiguredPolicies[SwaggerPolicy]
                : context.DefaultPolicy));
        return services;
    }

    private static HeaderPolicyCollection AddCommon(this HeaderPolicyCollection headers) => headers
        .AddContentTypeOptionsNoSniff()
        .AddReferrerPolicyStrictOriginWhenCrossOrigin()
        .AddFrameOptionsDeny();

    private static void OwnFilesOnly(this CspBuilder csp)
    {
        csp.AddDefaultSrc().Self();
        csp.AddScriptSrc().Self();
        csp.AddStyleSrc().Self();
        csp.AddImgSrc().Self();
        // Fetches and the SignalR hubs' WebSockets go to this origin only.
        csp.AddConnectSrc().Self();
        csp.AddObjectSrc().None();
        csp.AddBaseUri().Self();
        csp.AddFormAction().Self();
        csp.AddFrameAncestors().None();
    }
}

/// <summary>
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed only from the reverse proxies named in
/// <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges); from
/// anyone else they are ignored, so a client cannot choose the address the access log and the rate limits see.
/// </summary>
internal static class ProxyForwarding
{
    public const string SectionName = "ForwardedHeaders";

    public static IServiceCollection AddProxyForwarding(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        // Parsed now, so a mistyped address stops the start instead of silently trusting nobody.
        var proxies = (section.GetSection("KnownProxies").Get<string[]>() ?? [])
            .Select(value => IPAddress.TryParse(value, out var address) ? address
                : throw new InvalidOperationException($"{SectionName}:KnownProxies: '{value}' is not an IP address.")).ToList();
        var networks = (section.GetSection("KnownNetworks").Get<string[]>() ?? [])
            .Select(value => IPNetwork.TryParse(value, out var network) ? network
                : throw new InvalidOperationException($"{SectionName}:KnownNetworks: '{value}' is not a CIDR range such as 10.0.0.0/8.")).ToList();

        return services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only what is configured: not even loopback by default.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
            // Every hop through a configured proxy is undone; the first address that is not one is the client.
            options.ForwardLimit = null;
        });
    }
}
