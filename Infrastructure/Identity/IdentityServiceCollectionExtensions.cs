using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VirtuOps.Application.Accounts.Common;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Infrastructure.Data;

namespace VirtuOps.Infrastructure.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>The default scheme: the sign-in cookie, or an API key when the request carries one.</summary>
    public const string CookieOrApiKeyScheme = "CookieOrApiKey";

    public static IServiceCollection AddIdentityServices(this IServiceCollection services, IHostEnvironment environment)
    {
        services
            .AddIdentityCore<ApplicationUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = PasswordRules.MinimumLength;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                // The rule SignInAttempts applies per e-mail address, account or not.
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<ApplicationRole>()
            .AddEntityFrameworkStores<ApplicationDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<ApplicationUserClaimsPrincipalFactory>();

        services
            .AddAuthentication(options =>
            {
                options.DefaultScheme = CookieOrApiKeyScheme;
                options.DefaultChallengeScheme = CookieOrApiKeyScheme;
            })
            .AddPolicyScheme(CookieOrApiKeyScheme, "Sign-in cookie or X-Api-Key", options =>
                options.ForwardDefaultSelector = context => context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null)
            .AddIdentityCookies();

        var securePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "virtuops.session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = securePolicy;
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
            options.SlidingExpiration = true;
            // An API answers with status codes; the SPA decides where to send the user.
            options.Events.OnRedirectToLogin = context => Reject(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Reject(context, StatusCodes.Status403Forbidden);
            options.Events.OnValidatePrincipal = async context =>
            {
                await SecurityStampValidator.ValidatePrincipalAsync(context);
                if (context.Principal is not null)
                    await SessionValidator.ValidateAsync(context);
            };
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
        {
            options.Cookie.Name = "virtuops.2fa";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = securePolicy;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(10);
        });
        // A refreshed principal (security stamp re-check) must keep pointing at the same session.
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = context =>
        {
            var session = context.CurrentPrincipal?.FindFirst(VirtuOpsClaimTypes.SessionId);
            if (session is not null && context.NewPrincipal?.Identity is ClaimsIdentity identity)
                identity.AddClaim(new Claim(session.Type, session.Value));
            return Task.CompletedTask;
        });

        services.AddScoped<IIdentityService, IdentityService>();
        services.AddScoped<ISignInService, SignInService>();
        services.AddScoped<SignInAttempts>();
        services.AddScoped<IAccountStatus, AccountStatus>();
        services.AddScoped<ICurrentTenant, CurrentTenant>();
        return services;
    }

    private static Task Reject(RedirectContext<CookieAuthenticationOptions> context, int statusCode)
    {
        context.Response.StatusCode = statusCode;
        return Task.CompletedTask;
    }
}
