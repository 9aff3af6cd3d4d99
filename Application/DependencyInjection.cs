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
        // A property's later rules assume its earlier ones held (a Must that reads the value after NotEmpty): stop at
        // a property's first failure, so null or empty input is a field error and never a NullReferenceException.
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        services.AddValidatorsFromAssembly(Assembly.GetExecutingAssembly(), ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddScoped<IStaffAuditTrail, StaffAudit.StaffAuditTrail>();
        services.AddScoped<AdminTenants.Common.TenantActions>();
        services.AddScoped<AdminPrivacyRequests.Common.StaffPrivacyRequests>();
        services.AddScoped<AdminTenants.Common.TenantAdminMail>();
        services.AddScoped<AdminTenants.Common.CustomerDataAccess>();
        return services;
    }
}
