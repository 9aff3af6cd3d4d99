using VirtuOps.Application.Partners.Commands.BecomePartner;
using VirtuOps.Application.Partners.Queries.GetMyPartner;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>The owner's partner programme: join, then the referral link, referred tenants and the commission ledger.</summary>
public sealed class Partners : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/partners").WithTags("Partners")
            .RequireAuthorization().RequireAntiforgeryToken()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/me", GetMyPartner).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/me", BecomePartner);
    }

    public static async Task<Ok<PartnerDto>> GetMyPartner(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetMyPartnerQuery(), cancellationToken));

    public static async Task<Ok<PartnerDto>> BecomePartner(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new BecomePartnerCommand(), cancellationToken));
}
