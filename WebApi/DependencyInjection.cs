using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.OpenApi;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.WebApi.Services;

namespace VirtuOps.WebApi;

public static class DependencyInjection
{
    public static IServiceCollection AddWebApiServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddScoped<IClientInfo, ClientInfo>();
        services.AddAuthorization();
        services.AddApiAccess();
        services.AddAdminApi();
        services.AddIdempotencyKeys();
        services.AddSpaAntiforgery();
        services.AddRateLimits(configuration);
        services.AddApiKeyRateLimits();
        services.AddSecurityHeaders();
        services.AddProxyForwarding(configuration);
        // Hub events carry the same DTOs as the API, so enums travel as their names there too ("Human", not 2).
        services.AddSignalR().AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddCors();
        services.AddSingleton<Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider, WidgetCorsPolicyProvider>();
        services.AddScoped<IConversationNotifier, Hubs.SignalRConversationNotifier>();

        services.AddOptions<EskizCallbackOptions>().BindConfiguration(EskizCallbackOptions.SectionName);

        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var httpContext = context.HttpContext;
            context.ProblemDetails.Instance ??= $"{httpContext.Request.Method} {httpContext.Request.Path}";
            context.ProblemDetails.Extensions.TryAdd("traceId",
                httpContext.Features.Get<IHttpActivityFeature>()?.Activity.Id ?? httpContext.TraceIdentifier);
            // The id of X-Request-Id and the logs, for a support ticket to quote.
            context.ProblemDetails.Extensions.TryAdd("requestId", httpContext.TraceIdentifier);
        });
        // Malformed bodies throw, so the exception handler answers them as problem details too.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new() { Title = "VirtuOps API", Version = "v1", Description = ApiDescription });
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            // The endpoint's handler method name is the operationId, and so the method name in the TypeScript client.
            options.CustomOperationIds(api => api.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault()?.Name);
            options.IncludeXmlComments(typeof(DependencyInjection).Assembly, includeControllerXmlComments: false);
            options.AddSecurityDefinition("cookie", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = "virtuops.session",
                Description = "The SPA's sign-in cookie (POST /api/auth/sign-in). State-changing requests also need the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header.",
            });
            options.AddSecurityDefinition("apiKey", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-Api-Key",
                Description = "An integrator's key, created by the tenant owner under API keys: Read scope for GET, Write scope for the rest.",
            });
            // Each operation names the schemes that work there (x-access: anonymous, cookie-only or key-allowed).
            options.OperationFilter<ApiAccessOperationFilter>();
            options.OperationFilter<RequestExamplesOperationFilter>();
            options.DocumentFilter<SchemaExamplesDocumentFilter>();
        });

        return services;
    }

    private const string ApiDescription = """
        AI customer-support bots for WhatsApp, Telegram, Instagram and the web.

        ## Authentication

        Every operation says who may call it in `x-access` and in its security requirements:

        - **cookie-only**: the SPA's sign-in cookie (`virtuops.session`, from `POST /api/auth/sign-in`). State-changing
          requests also send the `XSRF-TOKEN` cookie's value in the `X-XSRF-TOKEN` header. The signed-in person's own
          account (profile, sessions, two-factor, password, privacy) and API-key management are cookie-only.
        - **key-allowed**: the cookie, or an integrator's API key in the `X-Api-Key` header (created by the owner under
          API keys, shown once). A key acts for its tenant: GET needs the key's **Read** scope, every other method its
          **Write** scope (`x-api-key-scope`). No antiforgery header is needed with a key.
        - **anonymous**: no credential (sign-up, sign-in, the chat widget, legal documents).

        A missing or revoked key answers 401; a key without the needed scope, or on a cookie-only operation, 403 with
        `requiredScope` when a scope is missing; another tenant's ids answer 404. Errors are RFC 9457 problem details.

        ## Paging

        Lists that grow (conversations, messages, contacts, knowledge, webhook deliveries, the access and audit logs)
        come a page at a time, newest first: `limit` (1-100, default 50) sets the page size, and the page's `nextCursor`,
        sent back as `cursor`, asks for the page after it (`nextCursor` is null on the last page). Cursors are opaque
        text: rows added meanwhile never shift a page, and a cursor the API did not give is a 400 with a field error.

        ## Idempotent retries

        Send an `Idempotency-Key` header (1-255 visible ASCII characters, e.g. a UUID) with any POST: within 24 hours the
        same key and body get the first answer again (`Idempotent-Replayed: true`) and nothing is done twice; the same key
        with another body is a 422; while the first request still runs, a 409 with `Retry-After`. Keys are per tenant.

        ## Versions (ETag / If-Match)

        Bots and knowledge entries have a `version`; `GET /api/bots/{id}` and `GET /api/knowledge/{id}` return it as a
        strong `ETag` (`"4"`). Send it back in `If-Match` with `PUT` or `DELETE` to change only that version: if someone
        changed it meanwhile the answer is a 412 and nothing is written. Without `If-Match` the write goes through.

        ## Rate limits

        Each API key may make a number of requests per minute set by the tenant's plan. Every answer to a key carries
        `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds until the window ends); past the limit
        the answer is a 429 with `Retry-After`.
        """;
}
