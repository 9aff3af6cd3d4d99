using System.Reflection;

namespace VirtuOps.WebApi.Infrastructure;

/// <summary>A set of related endpoints under one route prefix and one OpenAPI tag (which names the generated TS client).</summary>
public interface IEndpointGroup
{
    void Map(IEndpointRouteBuilder app);
}

public static class EndpointGroupExtensions
{
    /// <summary>Maps every <see cref="IEndpointGroup"/> in this assembly.</summary>
    public static IEndpointRouteBuilder MapEndpointGroups(this IEndpointRouteBuilder app)
    {
        var groups = Assembly.GetExecutingAssembly().GetExportedTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && t.IsAssignableTo(typeof(IEndpointGroup)));
        foreach (var group in groups)
            ((IEndpointGroup)Activator.CreateInstance(group)!).Map(app);
        return app;
    }
}
