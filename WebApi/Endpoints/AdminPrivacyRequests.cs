using VirtuOps.Application.AdminPrivacyRequests.Commands.AnswerPrivacyRequest;
using VirtuOps.Application.AdminPrivacyRequests.Commands.AssignPrivacyRequest;
using VirtuOps.Application.AdminPrivacyRequests.Commands.RejectPrivacyRequest;
using VirtuOps.Application.AdminPrivacyRequests.Queries.GetPrivacyRequestQueue;
using VirtuOps.Application.Common.Models;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>The data-subject requests queue of the privacy team (Admin and Support): due dates, taking a request on, answering it.</summary>
public sealed class AdminPrivacyRequests : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapAdminGroup("/privacy-requests");
        group.MapGet("/", GetPrivacyRequestQueue).ProducesValidationProblem();
        group.MapPost("/{id:guid}/assign", AssignPrivacyRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/answer", AnswerPrivacyRequest).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/reject", RejectPrivacyRequest).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>
    /// Open requests by due date (overdue ones lead), with business days left (negative: overdue); <c>includeClosed</c>
    /// lists answered and rejected ones too. Pass the previous page's <c>nextCursor</c> as <c>cursor</c>.
    /// </summary>
    public static async Task<Ok<CursorPage<QueuedPrivacyRequestDto>>> GetPrivacyRequestQueue(ISender sender, CancellationToken cancellationToken,
        bool includeClosed = false, string? cursor = null, int limit = KeysetCursor.DefaultLimit) =>
        TypedResults.Ok(await sender.Send(new GetPrivacyRequestQueueQuery(includeClosed, cursor, limit), cancellationToken));

    /// <summary>Take the request on (it shows as in progress, assigned to the caller).</summary>
    public static async Task<NoContent> AssignPrivacyRequest(ISender sender, Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new AssignPrivacyRequestCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Answer the request: kept on it and e-mailed to the requester; the same answer again changes nothing.</summary>
    public static async Task<NoContent> AnswerPrivacyRequest(ISender sender, Guid id, AnswerPrivacyRequestCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command with { Id = id }, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Close the request without fulfilling it, with the reason the requester is e-mailed; the same reason again changes nothing.</summary>
    public static async Task<NoContent> RejectPrivacyRequest(ISender sender, Guid id, RejectPrivacyRequestCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command with { Id = id }, cancellationToken);
        return TypedResults.NoContent();
    }
}
