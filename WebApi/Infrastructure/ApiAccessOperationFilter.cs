using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace VirtuOps.WebApi.Infrastructure;

/// <summary>
/// States on every operation who may call it, as the endpoint declares it: <c>x-access</c> is <c>anonymous</c>,
/// <c>cookie-only</c> or <c>key-allowed</c> (with <c>x-api-key-scope</c>), and the security requirements list the
/// schemes that work there, so generated clients and the Swagger UI send the right credential.
/// </summary>
internal sealed class ApiAccessOperationFilter : IOperationFilter
{
    public const string AccessExtension = "x-access";
    public const string ScopeExtension = "x-api-key-scope";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var anonymous = !metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<IAllowAnonymous>().Any();
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        if (anonymous)
        {
            operation.Extensions[AccessExtension] = new JsonNodeExtension(JsonValue.Create("anonymous"));
            operation.Security = [];
            return;
        }

        var cookie = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("cookie", context.Document)] = [] };
        if (ApiAccess.KindOf(metadata) == ApiAccessKind.KeyAllowed)
        {
            operation.Extensions[AccessExtension] = new JsonNodeExtension(JsonValue.Create("key-allowed"));
            operation.Extensions[ScopeExtension] = new JsonNodeExtension(JsonValue.Create(ApiAccess.RequiredScope(metadata, context.ApiDescription.HttpMethod ?? "GET")));
            // Two requirements: either scheme is enough.
            operation.Security = [cookie, new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", context.Document)] = [] }];
        }
        else
        {
            operation.Extensions[AccessExtension] = new JsonNodeExtension(JsonValue.Create("cookie-only"));
            operation.Security = [cookie];
        }
    }
}
