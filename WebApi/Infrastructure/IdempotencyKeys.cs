using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using VirtuOps.Domain.Idempotency;
using VirtuOps.Infrastructure.Identity;
using VirtuOps.Infrastructure.Idempotency;

namespace VirtuOps.WebApi.Infrastructure;

/// <summary>
/// <c>Idempotency-Key</c> on a tenant's POST: the first request with a key runs and its answer is kept for 24 hours;
/// the same key and body get that answer again (<c>Idempotent-Replayed: true</c>) without running twice, even when
/// both arrive at once (the second waits for nothing: 409 while the first runs); the same key with another request is
/// a 422. Errors (5xx), refusals (401, 403, 409, 429) and exceptions free the key, so a retry runs again.
/// </summary>
public static class IdempotencyKeys
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";

    private static readonly PathString CardFormPath = new("/api/billing/card");

    public static IServiceCollection AddIdempotencyKeys(this IServiceCollection services) => services.AddSingleton<IdempotencyStore>();

    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Headers.TryGetValue(HeaderName, out var values)
            || !context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            // The card form's body holds a card number: a plain hash of it must not be stored (it is guessable from so few digits).
            || context.Request.Path.StartsWithSegments(CardFormPath, StringComparison.Ordinal)
            // Keys are kept per tenant: sign-up, the widget and other callers without one have nothing to scope them to.
            || context.User.FindFirst(VirtuOpsClaimTypes.TenantId) is null)
        {
            await next(context);
            return;
        }

        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        var key = values.Count == 1 ? values[0] : null;
        if (string.IsNullOrEmpty(key) || key.Length > IdempotentRequest.KeyMaxLength || key.Any(c => c is < '!' or > '~'))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]>
                {
                    [HeaderName] = [$"Send one key of 1 to {IdempotentRequest.KeyMaxLength} visible ASCII characters (a UUID is a good choice)."],
                })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "One or more validation errors occurred.",
                },
            });
            return;
        }

        var store = context.RequestServices.GetRequiredService<IdempotencyStore>();
        var claim = await store.ClaimAsync(key, await HashAsync(context.Request), context.RequestAborted);
        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Replay:
                await ReplayAsync(context, claim.Request);
                return;
            case IdempotencyOutcome.Mismatch:
                await RefuseAsync(context, problems, StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused.",
                    "This Idempotency-Key was already used with another request in the last 24 hours: send a new key for a new request.");
                return;
            case IdempotencyOutcome.InProgress:
                context.Response.Headers.RetryAfter = "1";
                await RefuseAsync(context, problems, StatusCodes.Status409Conflict, "Request in progress.",
                    "A request with this Idempotency-Key is still running: retry in a moment to get its answer.");
                return;
        }

        await RunAndKeepAsync(context, next, store, claim.Request.Id);
    });

    private static async Task RunAndKeepAsync(HttpContext context, RequestDelegate next, IdempotencyStore store, Guid claimId)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            context.Response.Body = original;
            await store.ReleaseAsync(claimId);
            throw;
        }

        context.Response.Body = original;
        var status = context.Response.StatusCode;
        if (status is >= 500 or StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status409Conflict
            or StatusCodes.Status429TooManyRequests)
            await store.ReleaseAsync(claimId);
        else
            await store.CompleteAsync(claimId, status, context.Response.ContentType, context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                buffer.ToArray(), CancellationToken.None);

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext context, IdempotentRequest kept)
    {
        context.Response.StatusCode = kept.ResponseStatus!.Value;
        if (kept.ResponseContentType is { } contentType)
            context.Response.ContentType = contentType;
        if (kept.ResponseLocation is { } location)
            context.Response.Headers.Location = location;
        context.Response.Headers[ReplayedHeaderName] = "true";
        await context.Response.Body.WriteAsync(kept.ResponseBody ?? [], context.RequestAborted);
    }

    private static async Task RefuseAsync(HttpContext context, IProblemDetailsService problems, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    // The method and path are part of the request: the same key on another endpoint is another request.
    private static async Task<string> HashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            hash.AppendData(chunk, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
