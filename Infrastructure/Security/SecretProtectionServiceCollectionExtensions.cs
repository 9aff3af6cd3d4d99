using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Common.Interfaces;

namespace VirtuOps.Infrastructure.Security;

public static class SecretProtectionServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISecretProtector"/> (AES-256-GCM) with its keys from the <c>Security:Encryption</c> section,
    /// validated on start. In Development, when no keys are configured, a per-machine key kept in
    /// <c>data/dev-encryption-key</c> under the content root is used (made on first use); anywhere else missing keys
    /// fail the start.
    /// </summary>
    public static IServiceCollection AddSecretProtection(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);

        services.AddOptions<SecretProtectionOptions>()
            .Bind(configuration.GetSection(SecretProtectionOptions.SectionName))
            .PostConfigure(options =>
            {
                if (options.Keys.Count > 0 || !environment.IsDevelopment())
                    return;
                options.Keys[DevelopmentEncryptionKey.KeyId] = DevelopmentEncryptionKey.LoadOrCreate(environment.ContentRootPath);
                if (string.IsNullOrWhiteSpace(options.CurrentKeyId))
                    options.CurrentKeyId = DevelopmentEncryptionKey.KeyId;
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecretProtectionOptions>, SecretProtectionOptionsValidator>());
        services.TryAddSingleton<ISecretProtector, AesGcmSecretProtector>();
        return services;
    }
}
