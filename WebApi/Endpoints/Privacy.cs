using VirtuOps.Application.Consents.Commands.GrantConsent;
using VirtuOps.Application.Consents.Commands.WithdrawConsent;
using VirtuOps.Application.Consents.Queries.GetMyConsents;
using VirtuOps.Domain.Consents;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>The user's privacy rights: consent history and withdrawal.</summary>
public sealed class Privacy : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/privacy").WithTags("Privacy")
            .RequireAuthorization().RequireAntiforgeryToken()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/consents", GetMyConsents);
        group.MapPost("/consents/{kind}/withdraw", WithdrawConsent).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/consents/ai-data-sharing", GrantAiDataSharing).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    public static async Task<Ok<IReadOnlyList<ConsentRecordDto>>> GetMyConsents(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetMyConsentsQuery(), cancellationToken));

    public static async Task<NoContent> GrantAiDataSharing(ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new GrantAiDataSharingCommand(), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<ConsentWithdrawnDto>> WithdrawConsent(ISender sender, ConsentKind kind, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new WithdrawConsentCommand(kind), cancellationToken));
}
