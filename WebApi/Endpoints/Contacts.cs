using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Contacts.Commands.EraseContact;
using VirtuOps.Application.Contacts.Commands.UpdateContact;
using VirtuOps.Application.Contacts.Common;
using VirtuOps.Application.Contacts.Queries.ExportContact;
using VirtuOps.Application.Contacts.Queries.GetContact;
using VirtuOps.Application.Contacts.Queries.GetContactConversations;
using VirtuOps.Application.Contacts.Queries.GetContacts;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>The tenant's customers: found, read and annotated (name, notes, the tenant's own attributes), exported and erased.</summary>
public sealed class Contacts : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/contacts").WithTags("Contacts")
            .RequireAuthorization().AllowApiKeys().RequireAntiforgeryToken()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", GetContacts);
        group.MapGet("/{id:guid}", GetContact).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id:guid}", UpdateContact).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/conversations", GetContactConversations).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/export", ExportContact).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}", EraseContact).ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>Customers, newest first: <c>search</c> matches the name or the channel id (a phone for WhatsApp); pass <c>nextCursor</c> back as <c>cursor</c> for the next page.</summary>
    public static async Task<Ok<CursorPage<ContactDto>>> GetContacts(ISender sender, CancellationToken cancellationToken,
        string? search = null, Channel? channel = null, string? cursor = null, int limit = KeysetCursor.DefaultLimit) =>
        TypedResults.Ok(await sender.Send(new GetContactsQuery(search, channel, cursor, limit), cancellationToken));

    public static async Task<Ok<ContactDto>> GetContact(ISender sender, Guid id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetContactQuery(id), cancellationToken));

    /// <summary>Replaces the name, notes and attributes (at most 20; names of letters, digits, '_', '-', '.'; values up to 500 characters).</summary>
    public static async Task<Ok<ContactDto>> UpdateContact(ISender sender, Guid id, UpdateContactCommand command, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(command with { Id = id }, cancellationToken));

    /// <summary>The customer's conversations, most recently active first, a cursor page at a time.</summary>
    public static async Task<Ok<CursorPage<ConversationSummaryDto>>> GetContactConversations(ISender sender, Guid id, CancellationToken cancellationToken,
        string? cursor = null, int limit = KeysetCursor.DefaultLimit) =>
        TypedResults.Ok(await sender.Send(new GetContactConversationsQuery(id, cursor, limit), cancellationToken));

    public static async Task<Ok<ContactExportDto>> ExportContact(ISender sender, Guid id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ExportContactCommand(id), cancellationToken));

    public static async Task<NoContent> EraseContact(ISender sender, Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new EraseContactCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }
}
