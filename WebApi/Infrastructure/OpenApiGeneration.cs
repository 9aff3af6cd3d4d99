using System.Reflection;

namespace VirtuOps.WebApi.Infrastructure;

/// <summary>
/// The build runs the app through GetDocument.Insider only to read its OpenAPI document. That run must not
/// migrate databases, seed, start background work or call out.
/// </summary>
public static class OpenApiGeneration
{
    public static bool IsRunning { get; } =
        Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";
}
