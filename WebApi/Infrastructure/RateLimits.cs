using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using VirtuOps.Application.Widget.Common;

namespace VirtuOps.WebApi.Infrastructure;

/// <summary>Limits per window (section <c>RateLimits</c>); tests lower them to see the limits bite.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Sign-in and the e-mailed links (sign-up, new password, e-mail confirmation) per IP address per minute.</summary>
    public int AuthPerMinute { get; set; } = 20;

    /// <summary>SMS codes one account (or, before sign-in, one IP address) may request per 10 minutes.</summary>
    public int SmsPerTenMinutes { get; set; } = 5;

    /// <summary>Code checks per account (or IP address) per 5 minutes, on top of the 5 tries each code allows.</summary>
    public int CodeChecksPerFiveMinutes { get; set; } = 15;

    /// <summary>Widget messages per visitor (and IP address) per minute.</summary>
    public int WidgetMessagesPerMinute { get; set; } = 20;

    /// <summary>
    /// Widget messages per IP address per minute, whatever visitor id they carry (the caller picks it). Generous,
    /// since many phones share an address behind a mobile carrier's NAT.
    /// </summary>
    public int WidgetMessagesPerIpPerMinute { get; set; } = 100;

    /// <summary>Widget messages to one bot per minute, from all its visitors together.</summary>
    public int WidgetMessagesPerBotPerMinute { get; set; } = 600;

    /// <summary>New widget visitors (contacts with their first conversation) one bot takes per minute.</summary>
    public int WidgetNewVisitorsPerBotPerMinute { get; set; } = 60;

    /// <summary>
    /// New widget visitors from one IP address per minute: a fresh visitor id per message meets this first, while
    /// people behind one NAT keep their own visitor ids.
    /// </summary>
    public int WidgetNewVisitorsPerIpPerMinute { get; set; } = 10;

    /// <summary>
    /// E-mails to an address the caller types (sign-up, password reset, e-mail change, team invitation) per account,
    /// or per IP address before sign-in, per 10 minutes.
    /// </summary>
    public int EmailsPerTenMinutes { get; set; } = 5;

    /// <summary>Demo requests from the public site per IP address per hour.</summary>
    public int DemoRequestsPerHour { get; set; } = 10;
}

/// <summary>
/// Per-IP and per-account limits on what attackers hammer: sign-in, SMS and e-mail sending, code checks, the
/// public demo form and the chat widget (per visitor, per address and per bot; new visitors per bot are capped by
/// <see cref="NewVisitorCap"/>). Every endpoint that texts or e-mails an address the caller chooses has an SMS or
/// e-mail limit, so it cannot be used to flood someone else's inbox or phone. Rejections are 429 problem details with
/// Retry-After. Per-account protection also comes from Identity's lockout (5 wrong passwords), the 60-second resend
/// cooldown and the 5 tries per code.
/// </summary>
public static class RateLimits
{
    public const string Auth = "auth";
    public const string Sms = "sms";
    public const string CodeChecks = "code-checks";
    public const string Widget = "widget";
    public const string Email = "email";
    public const string DemoRequests = "demo-requests";

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.SectionName).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Auth, context => FixedWindow(ByIp(context), limits.AuthPerMinute, TimeSpan.FromMinutes(1)));
            options.AddPolicy(Sms, context => FixedWindow(ByAccountOrIp(context), limits.SmsPerTenMinutes, TimeSpan.FromMinutes(10)));
            options.AddPolicy(CodeChecks, context => FixedWindow(ByAccountOrIp(context), limits.CodeChecksPerFiveMinutes, TimeSpan.FromMinutes(5)));
            options.AddPolicy(Email, context => FixedWindow(ByAccountOrIp(context), limits.EmailsPerTenMinutes, TimeSpan.FromMinutes(10)));
            options.AddPolicy(DemoRequests, context => FixedWindow(ByIp(context), limits.DemoRequestsPerHour, TimeSpan.FromHours(1)));
            options.AddPolicy(Widget, context => FixedWindow(ByIp(context) + "|" + context.Request.Headers["X-Visitor-Id"], limits.WidgetMessagesPerMinute, TimeSpan.FromMinutes(1)));
            // An endpoint takes one policy, so the widget's limits that a fresh visitor id cannot dodge are global
            // limiters, chained: per address first, so one address's flood does not use up its bot's allowance.
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                WidgetOnly(context => FixedWindow(ByIp(context), limits.WidgetMessagesPerIpPerMinute, TimeSpan.FromMinutes(1))),
                WidgetOnly(context => FixedWindow("bot:" + context.GetRouteValue("widgetKey"), limits.WidgetMessagesPerBotPerMinute, TimeSpan.FromMinutes(1))));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var http = rejected.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests. Try again later." },
                });
            };
        });
        services.Configure<NewVisitorCapOptions>(o =>
        {
            o.PerBotPerMinute = limits.WidgetNewVisitorsPerBotPerMinute;
            o.PerIpPerMinute = limits.WidgetNewVisitorsPerIpPerMinute;
        });
        return services;
    }

    /// <summary>A limiter for the widget's rate-limited endpoints; every other request passes it untouched.</summary>
    private static PartitionedRateLimiter<HttpContext> WidgetOnly(Func<HttpContext, RateLimitPartition<string>> partition) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
            context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Widget
                ? partition(context)
                : RateLimitPartition.GetNoLimiter(string.Empty));

    private static RateLimitPartition<string> FixedWindow(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        });

    private static string ByIp(HttpContext context) => "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static string ByAccountOrIp(HttpContext context) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId ? "user:" + userId : ByIp(context);
}
