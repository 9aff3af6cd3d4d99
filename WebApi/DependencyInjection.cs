using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.WebApi.Services;

namespace VirtuOps.WebApi;

public static class DependencyInjection
{
    public static IServiceCollection AddWebApiServices(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, CurrentUser>();

        services.AddOptions<EskizCallbackOptions>().BindConfiguration(EskizCallbackOptions.SectionName);

        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var httpContext = context.HttpContext;
            context.ProblemDetails.Instance ??= $"{httpContext.Request.Method} {httpContext.Request.Path}";
            context.ProblemDetails.Extensions.TryAdd("traceId",
                httpContext.Features.Get<IHttpActivityFeature>()?.Activity.Id ?? httpContext.TraceIdentifier);
        });
        // Malformed bodies throw, so the exception handler answers them as problem details too.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new() { Title = "VirtuOps API", Version = "v1", Description = "AI customer-support bots for WhatsApp, Telegram, Instagram and the web." });
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            // The endpoint's handler method name is the operationId, and so the method name in the TypeScript client.
            options.CustomOperationIds(api => api.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault()?.Name);
            options.IncludeXmlComments(typeof(DependencyInjection).Assembly, includeControllerXmlComments: false);
        });

        return services;
    }
}
