using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Common.Interfaces;

namespace VirtuOps.Infrastructure.Email;

public static class SmtpServiceCollectionExtensions
{
    /// <summary>Sends e-mail through an SMTP server, configured by the <c>Email:Smtp</c> section (validated on start).</summary>
    public static IServiceCollection AddSmtpEmailSender(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmtpOptions>()
            .Bind(configuration.GetSection(SmtpOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IEmailSender, MailKitEmailSender>();
        return services;
    }
}
