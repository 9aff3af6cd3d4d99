using VirtuOps.Application.Tenants.Commands.RenameTenant;
using VirtuOps.Application.Tenants.Commands.SetMessageRetention;
using VirtuOps.Application.Tenants.Queries.GetMyTenant;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>The caller's tenant; reachable with the sign-in cookie or an API key (read / write scope).</summary>
public sealed class Tenant : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tenant").WithTags("Tenant")
            .RequireAuthorization().AllowApiKeys().RequireAntiforgeryToken()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", GetMyTenant);
        group.MapPut("/", RenameTenant);
        group.MapPut("/message-retention", SetMessageRetention);
    }

    public static async Task<Ok<TenantDto>> GetMyTenant(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetMyTenantQuery(), cancellationToken));

    public static async Task<NoContent> RenameTenant(ISender sender, RenameTenantCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> SetMessageRetention(ISender sender, SetMessageRetentionCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command, cancellationToken);
        return TypedResults.NoContent();
    }
}
