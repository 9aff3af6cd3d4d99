using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Privacy.Exports.Common;

namespace VirtuOps.Infrastructure.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    public static IServiceCollection AddDataExports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DataExportOptions>()
            .Bind(configuration.GetSection(DataExportOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Directory), $"{DataExportOptions.SectionName}:Directory is required.")
            .Validate(o => o.SweepInterval > TimeSpan.Zero, $"{DataExportOptions.SectionName}:SweepInterval must be positive.")
            .ValidateOnStart();
        services.AddSingleton<IDataExportFiles, DataExportFiles>();
        services.AddScoped<IDataExportWriter, DataExportWriter>();
        services.AddSingleton<DataExportSignal>();
        services.AddSingleton<IDataExportSignal>(sp => sp.GetRequiredService<DataExportSignal>());
        return services;
    }

    /// <summary>The background builder, unless <c>Privacy:Exports:RunWorker</c> is false.</summary>
    public static IServiceCollection AddDataExportWorker(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue($"{DataExportOptions.SectionName}:{nameof(DataExportOptions.RunWorker)}", true))
            services.AddHostedService<DataExportWorker>();
        return services;
    }
}
