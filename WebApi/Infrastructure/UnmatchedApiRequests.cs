using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;

namespace VirtuOps.WebApi.Infrastructure;

/// <summary>
/// The answer to an /api request no endpoint took: 404, unless it is a real operation's path and method. Routing
/// matches the content type too, so a request without a JSON body lands here instead of at its operation; it is
/// told to send JSON (415) rather than that the operation does not exist.
/// </summary>
public static class UnmatchedApiRequests
{
    public static ProblemHttpResult Answer(HttpContext http, EndpointDataSource endpoints) =>
        IsOperationExpectingABody(http.Request, endpoints)
            ? TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, detail: "Send the request body as JSON (Content-Type: application/json).")
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound);

    private static bool IsOperationExpectingABody(HttpRequest request, EndpointDataSource endpoints) =>
        endpoints.Endpoints.OfType<RouteEndpoint>().Any(endpoint =>
            endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null
            && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(request.Method, StringComparer.OrdinalIgnoreCase) == true
            && new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), []).TryMatch(request.Path, []));
}
