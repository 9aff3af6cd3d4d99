using System.Security.Claims;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.AccessLogs;

namespace VirtuOps.WebApi.Infrastructure;

/// <summary>
/// Records every <c>/api</c> request for the access log once the rest of the pipeline has produced its response.
/// It only copies a few values and hands them to a bounded queue; parsing and storing happen in the background.
/// </summary>
internal sealed class AccessLogMiddleware(RequestDelegate next, IAccessLogWriter writer, TimeProvider timeProvider)
{
    /// <summary>The claim the sign-in code puts the tenant id in.</summary>
    private const string TenantIdClaimType = "tenant_id";

    // Health probes, static files, Swagger and the SPA are not "access" to customer data.
    private static readonly PathString ApiPath = new("/api");

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(ApiPath))
        {
            await next(context);
            return;
        }

        var occurredAt = timeProvider.GetUtcNow();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            // Nothing handled it: the server will answer 500.
            failed = true;
            throw;
        }
        finally
        {
            writer.TryEnqueue(Capture(context, occurredAt, failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode));
        }
    }

    private static CapturedRequest Capture(HttpContext context, DateTimeOffset occurredAt, int statusCode)
    {
        var userAgent = context.Request.Headers.UserAgent.ToString();
        var user = context.User;
        var signedIn = user.Identity?.IsAuthenticated == true;
        return new CapturedRequest(
            occurredAt,
            context.Connection.RemoteIpAddress,
            // Cut here, not only when stored, so a queue of huge headers cannot use much memory.
            userAgent.Length > AccessLogEntry.UserAgentMaxLength ? userAgent[..AccessLogEntry.UserAgentMaxLength] : userAgent,
            context.Request.Method,
            // PathBase + Path, never the query string: it may carry tokens or personal data.
            (context.Request.PathBase + context.Request.Path).Value ?? "/",
            statusCode,
            signedIn ? GuidClaim(user, ClaimTypes.NameIdentifier) : null,
            signedIn ? GuidClaim(user, TenantIdClaimType) : null);
    }

    private static Guid? GuidClaim(ClaimsPrincipal user, string claimType) =>
        Guid.TryParse(user.FindFirstValue(claimType), out var id) ? id : null;
}

public static class AccessLogMiddlewareExtensions
{
    /// <summary>Put first, so the recorded status is the one the client got, after exception handling.</summary>
    public static IApplicationBuilder UseAccessLog(this IApplicationBuilder app) => app.UseMiddleware<AccessLogMiddleware>();
}
