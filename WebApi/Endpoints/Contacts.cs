using VirtuOps.Application.Contacts.Commands.EraseContact;
using VirtuOps.Application.Contacts.Queries.ExportContact;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>End customers' rights, exercised by the tenant as their controller: a contact's export and erasure.</summary>
public sealed class Contacts : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/contacts").WithTags("Contacts")
            .RequireAuthorization().AllowApiKeys().RequireAntiforgeryToken()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/export", ExportContact);
        group.MapDelete("/{id:guid}", EraseContact);
    }

    public static async Task<Ok<ContactExportDto>> ExportContact(ISender sender, Guid id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ExportContactCommand(id), cancellationToken));

    public static async Task<NoContent> EraseContact(ISender sender, Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new EraseContactCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }
}
