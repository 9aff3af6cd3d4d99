using VirtuOps.Application.AdminTenants.Queries.GetTenantProfile;
using VirtuOps.Application.AdminTenants.Queries.SearchTenants;
using VirtuOps.Application.Common.Models;
using VirtuOps.Domain.Billing;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>Tenants as platform staff (Admin and Support) find and look after them.</summary>
public sealed class AdminTenants : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapAdminGroup("/tenants");
        group.MapGet("/", SearchTenants).ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetTenantProfile).ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// Tenants newest first. <c>search</c> matches the tenant id, a part of the name, or the exact e-mail address or
    /// mobile number of one of its people; filter by plan code and subscription status. Pass the previous page's
    /// <c>nextCursor</c> as <c>cursor</c> for the next page.
    /// </summary>
    public static async Task<Ok<GuidCursorPage<TenantListItemDto>>> SearchTenants(ISender sender, CancellationToken cancellationToken,
        string? search = null, string? plan = null, SubscriptionStatus? status = null, Guid? cursor = null, int pageSize = 50) =>
        TypedResults.Ok(await sender.Send(new SearchTenantsQuery(search, plan, status, cursor, pageSize), cancellationToken));

    /// <summary>One tenant: people, plan and subscription, channels and their health, last activity, consent history (metadata only).</summary>
    public static async Task<Ok<TenantProfileDto>> GetTenantProfile(ISender sender, Guid id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetTenantProfileQuery(id), cancellationToken));
}
