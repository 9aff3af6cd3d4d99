using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.AdminTenants.Common;

internal static class TenantRestrictionList
{
    /// <summary>The reasons one by one: a list reads better in the API and the SPA than a combined flags value.</summary>
    public static IReadOnlyList<TenantRestrictions> Split(TenantRestrictions restrictions) =>
        Enum.GetValues<TenantRestrictions>().Where(r => r != TenantRestrictions.None && restrictions.HasFlag(r)).ToList();
}
