using System.Text.RegularExpressions;

namespace VirtuOps.WebApi.Infrastructure;

/// <summary>
/// One id per request that the caller, our logs and our error answers share: the caller's <c>X-Request-Id</c> when it
/// is safe to repeat (at most 64 letters, digits, '.', '_', ':' or '-'), otherwise the id the server made. Echoed on
/// every response, carried as <c>requestId</c> by problem details and as <c>RequestId</c> by the log scope.
/// </summary>
internal static partial class RequestIds
{
    public const string HeaderName = "X-Request-Id";

    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestIds).FullName!);
        return app.Use(async (context, next) =>
        {
            // Anything else (too long, control characters, markup) is dropped rather than refused: it would end up in
            // logs and headers, and a tracing header should never fail a request.
            if (context.Request.Headers[HeaderName] is [{ } requested] && SafeId().IsMatch(requested))
                context.TraceIdentifier = requested;
            var id = context.TraceIdentifier;
            // Set when the answer starts, so error answers (whose headers the exception handler clears) carry it too.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[HeaderName] = id;
                return Task.CompletedTask;
            });
            // The host's own scope captured its id before this ran; this scope gives every later log line the shared one.
            using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = id }))
                await next(context);
        });
    }

    [GeneratedRegex(@"^[A-Za-z0-9._:\-]{1,64}$")]
    private static partial Regex SafeId();
}
