using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.ApiKeys;
using VirtuOps.Domain.Common;
using VirtuOps.Infrastructure.Data;

namespace VirtuOps.Infrastructure.Identity;

/// <summary>Authenticates integrators by the <c>X-Api-Key</c> header as their tenant, with the key's scopes as roles.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApplicationDbContext context,
    ISecretHasher hasher,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    // Recording every use would turn each read into a write; a minute's precision is what the owner needs.
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.Count != 1 || string.IsNullOrWhiteSpace(values[0]))
            return AuthenticateResult.NoResult();

        var hash = hasher.HashApiKey(values[0]!);
        // No tenant is known yet: the key is what tells us the tenant. Its plan comes in the same query, for the rate limit.
        var found = await context.ApiKeys.IgnoreQueryFilters()
            .Where(k => k.Hash == hash)
            .Select(k => new
            {
                Key = k,
                PlanCode = context.Subscriptions.IgnoreQueryFilters().Where(s => s.TenantId == k.TenantId).Select(s => s.PlanCode).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(Context.RequestAborted);
        var apiKey = found?.Key;
        if (apiKey is not { IsActive: true })
            return AuthenticateResult.Fail("Unknown or revoked API key.");

        var now = time.GetUtcNow();
        if (apiKey.LastUsedAt is null || now - apiKey.LastUsedAt >= LastUsedPrecision)
        {
            apiKey.RecordUse(now);
            await context.SaveChangesAsync(Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(SchemeName);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, $"api-key:{apiKey.Prefix}"));
        identity.AddClaim(new Claim(VirtuOpsClaimTypes.ApiKeyPrefix, apiKey.Prefix));
        identity.AddClaim(new Claim(VirtuOpsClaimTypes.ApiKeyId, apiKey.Id.ToString()));
        if (found!.PlanCode is { } planCode)
            identity.AddClaim(new Claim(VirtuOpsClaimTypes.PlanCode, planCode));
        identity.AddClaim(new Claim(VirtuOpsClaimTypes.TenantId, apiKey.TenantId.ToString()));
        if (apiKey.Scopes.HasFlag(ApiKeyScopes.Read))
            identity.AddClaim(new Claim(ClaimTypes.Role, Roles.ApiRead));
        if (apiKey.Scopes.HasFlag(ApiKeyScopes.Write))
            identity.AddClaim(new Claim(ClaimTypes.Role, Roles.ApiWrite));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
