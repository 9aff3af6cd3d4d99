using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace VirtuOps.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the validators. The mediator itself, with its pipeline behaviours, is registered by the host,
    /// because the Mediator source generator runs in the project that calls <c>AddMediator</c>.
    /// </summary>
    public static IServiceCollection AddApplicationServices(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(Assembly.GetExecutingAssembly(), ServiceLifetime.Scoped, includeInternalTypes: true);
        return services;
    }
}
