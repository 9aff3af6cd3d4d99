using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Infrastructure.Data;

namespace VirtuOps.Infrastructure;

internal sealed class SystemInfo(IHostEnvironment environment, IOptions<DatabaseOptions> databaseOptions, ApplicationDbContext context) : ISystemInfo
{
    private static readonly string AssemblyVersion =
        (Assembly.GetEntryAssembly() ?? typeof(SystemInfo).Assembly)
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public string ApplicationName => "VirtuOps";

    public string Version => AssemblyVersion;

    public string EnvironmentName => environment.EnvironmentName;

    public string DatabaseProvider => databaseOptions.Value.Provider.ToString();

    public bool HasDevOutbox => environment.IsDevelopment();

    public Task<bool> CanConnectToDatabaseAsync(CancellationToken cancellationToken) =>
        context.Database.CanConnectAsync(cancellationToken);
}
