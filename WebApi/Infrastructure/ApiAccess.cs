using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;
using VirtuOps.Domain.Common;
using VirtuOps.Infrastructure.Identity;

namespace VirtuOps.WebApi.Infrastructure;

/// <summary>Who may call an endpoint that requires authorization: only a signed-in person, or also an integrator's API key.</summary>
public enum ApiAccessKind
{
    /// <summary>The sign-in cookie only (the default): the person's own account, and what only a person should do.</summary>
    CookieOnly,

    /// <summary>The sign-in cookie or an <c>X-Api-Key</c>: a key with the Read scope for GET, with the Write scope otherwise.</summary>
    KeyAllowed,
}

/// <summary>
/// Endpoint metadata naming its <see cref="ApiAccessKind"/> and, for keys, a scope other than the method's; the last one
/// added (the endpoint's over its group's) wins.
/// </summary>
public sealed record ApiAccessMetadata(ApiAccessKind Kind, string? Scope = null);

/// <summary>
/// The one rule for API keys, part of the default authorization policy, so every <c>RequireAuthorization()</c> group
/// is cookie-only until it declares <see cref="AllowApiKeys{TBuilder}"/>. The scope follows the HTTP method.
/// </summary>
public static class ApiAccess
{
    public const string ReadScope = "Read";
    public const string WriteScope = "Write";

    /// <summary>Lets integrators' API keys call these endpoints (Read scope for GET, Write scope otherwise).</summary>
    public static TBuilder AllowApiKeys<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiAccessMetadata(ApiAccessKind.KeyAllowed));

    /// <summary>Lets a Read key call an operation that is not a GET but changes nothing a key could misuse (a connection test).</summary>
    public static TBuilder AllowReadApiKeys<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiAccessMetadata(ApiAccessKind.KeyAllowed, ReadScope));

    /// <summary>Keeps an endpoint of a key-allowed group for signed-in people only.</summary>
    public static TBuilder RequireSignInCookie<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiAccessMetadata(ApiAccessKind.CookieOnly));

    public static ApiAccessKind KindOf(IEnumerable<object> endpointMetadata) =>
        endpointMetadata.OfType<ApiAccessMetadata>().LastOrDefault()?.Kind ?? ApiAccessKind.CookieOnly;

    public static string RequiredScope(IEnumerable<object> endpointMetadata, string httpMethod) =>
        endpointMetadata.OfType<ApiAccessMetadata>().LastOrDefault()?.Scope
        ?? (HttpMethods.IsGet(httpMethod) || HttpMethods.IsHead(httpMethod) ? ReadScope : WriteScope);

    public static IServiceCollection AddApiAccess(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().SetDefaultPolicy(new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .AddRequirements(new ApiAccessRequirement())
            .Build());
        services.AddSingleton<IAuthorizationHandler, ApiAccessHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemDetailsAuthorizationResultHandler>();
        return services;
    }

    private sealed class ApiAccessRequirement : IAuthorizationRequirement;

    private sealed class ApiAccessHandler : AuthorizationHandler<ApiAccessRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiAccessRequirement requirement)
        {
            // People are checked by the roles each command and query names; this rule is about keys only.
            if (context.User.Identity?.AuthenticationType != ApiKeyAuthenticationHandler.SchemeName)
            {
                context.Succeed(requirement);
                return Task.CompletedTask;
            }

            if (context.Resource is not HttpContext http || KindOf(http.GetEndpoint()?.Metadata ?? []) != ApiAccessKind.KeyAllowed)
            {
                context.Fail(new AuthorizationFailureReason(this, "API keys are not accepted here: sign in to do this."));
                return Task.CompletedTask;
            }

            var scope = RequiredScope(http.GetEndpoint()!.Metadata, http.Request.Method);
            if (context.User.IsInRole(scope == ReadScope ? Roles.ApiRead : Roles.ApiWrite))
                context.Succeed(requirement);
            else
                context.Fail(new ScopeMissing(this, scope));
            return Task.CompletedTask;
        }
    }

    private sealed class ScopeMissing(IAuthorizationHandler handler, string scope)
        : AuthorizationFailureReason(handler, $"This API key lacks the {scope} scope, which this operation needs.")
    {
        public string Scope { get; } = scope;
    }

    /// <summary>Refusals by the authorization middleware answer as problem details that say why, in the API's own words.</summary>
    private sealed class ProblemDetailsAuthorizationResultHandler(IProblemDetailsService problemDetails) : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _default = new();

        public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            if (authorizeResult.Succeeded)
            {
                await _default.HandleAsync(next, context, policy, authorizeResult);
                return;
            }

            ProblemDetails problem;
            if (authorizeResult.Challenged)
            {
                await context.ChallengeAsync();
                var withKey = context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName);
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status401Unauthorized,
                    Title = "Sign-in required.",
                    Detail = withKey ? "The API key is unknown or revoked." : "Sign in, or send an API key in the X-Api-Key header.",
                };
            }
            else
            {
                await context.ForbidAsync();
                var reasons = authorizeResult.AuthorizationFailure?.FailureReasons ?? [];
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "Not allowed.",
                    Detail = reasons.FirstOrDefault()?.Message ?? "You are not allowed to do this.",
                };
                if (reasons.OfType<ScopeMissing>().FirstOrDefault() is { } missing)
                    problem.Extensions["requiredScope"] = missing.Scope;
            }

            context.Response.StatusCode = problem.Status!.Value;
            await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
        }
    }
}
