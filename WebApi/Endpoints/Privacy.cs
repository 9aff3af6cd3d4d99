using Microsoft.AspNetCore.Mvc;
using VirtuOps.Application.Consents.Commands.AcceptLegalDocument;
using VirtuOps.Application.Consents.Commands.GrantConsent;
using VirtuOps.Application.Consents.Commands.WithdrawConsent;
using VirtuOps.Application.Consents.Queries.GetMyConsents;
using VirtuOps.Application.Erasure.Commands.CancelErasure;
using VirtuOps.Application.Erasure.Commands.RequestErasure;
using VirtuOps.Application.Privacy.Exports.Commands.RequestDataExport;
using VirtuOps.Application.Privacy.Exports.Common;
using VirtuOps.Application.Privacy.Exports.Queries.DownloadDataExport;
using VirtuOps.Application.Privacy.Exports.Queries.GetDataExport;
using VirtuOps.Application.Privacy.Exports.Queries.GetMyDataExports;
using VirtuOps.Domain.Common;
using VirtuOps.Application.PrivacyRequests.Commands.ConfirmPublicPrivacyRequest;
using VirtuOps.Application.PrivacyRequests.Commands.SendPublicPrivacyRequest;
using VirtuOps.Application.PrivacyRequests.Commands.SubmitPrivacyRequest;
using VirtuOps.Application.PrivacyRequests.Common;
using VirtuOps.Application.PrivacyRequests.Queries.GetMyPrivacyRequests;
using VirtuOps.Application.ProcessingRestriction.Commands.LiftRestriction;
using VirtuOps.Application.ProcessingRestriction.Commands.RestrictProcessing;
using VirtuOps.Application.ProcessingRestriction.Common;
using VirtuOps.Domain.Consents;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>The user's privacy rights: consent history and withdrawal, erasure, data-subject requests (also signed out).</summary>
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
        group.MapPost("/consents/{kind}/accept", AcceptLegalDocument).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/restriction", RestrictProcessing).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapDelete("/restriction", LiftRestriction).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/erasure", RequestErasure).RequireRateLimiting(RateLimits.Auth)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests);
        // Signed out by the erasure itself: the e-mail and password in the body are the sign-in, good only for this.
        group.MapDelete("/erasure", CancelErasure).AllowAnonymous().RequireRateLimiting(RateLimits.Auth)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        MapExports(group.MapGroup("/exports").ProducesProblem(StatusCodes.Status403Forbidden));
        group.MapGet("/requests", GetMyPrivacyRequests);
        group.MapPost("/requests", SubmitPrivacyRequest);

        // The signed-out "/privacy-request" form: it e-mails the address typed, so it counts against the e-mail limit.
        var publicRequests = app.MapGroup("/api/public/privacy-requests").WithTags("Privacy")
            .RequireAntiforgeryToken().ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests);
        publicRequests.MapPost("/", SendPublicPrivacyRequest).RequireRateLimiting(RateLimits.Email);
        publicRequests.MapPost("/confirm", ConfirmPublicPrivacyRequest).RequireRateLimiting(RateLimits.Auth);
    }

    public static async Task<Ok<IReadOnlyList<PrivacyRequestDto>>> GetMyPrivacyRequests(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetMyPrivacyRequestsQuery(), cancellationToken));

    public static async Task<Created<PrivacyRequestDto>> SubmitPrivacyRequest(ISender sender, SubmitPrivacyRequestCommand command, CancellationToken cancellationToken)
    {
        var request = await sender.Send(command, cancellationToken);
        return TypedResults.Created("/api/privacy/requests", request);
    }

    public static async Task<Accepted> SendPublicPrivacyRequest(ISender sender, SendPublicPrivacyRequestCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Ok<PrivacyRequestConfirmedDto>> ConfirmPublicPrivacyRequest(
        ISender sender, ConfirmPublicPrivacyRequestCommand command, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(command, cancellationToken));

    public static async Task<Ok<IReadOnlyList<ConsentRecordDto>>> GetMyConsents(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetMyConsentsQuery(), cancellationToken));

    public static async Task<NoContent> GrantAiDataSharing(ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new GrantAiDataSharingCommand(), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Erase my data, with my password typed again: an owner's erasure takes the whole company, an agent's their own
    /// account. Signs out everywhere at once; the purge follows after the grace period (PurgeAfter).
    /// </summary>
    public static async Task<Ok<ErasureScheduledDto>> RequestErasure(ISender sender, RequestErasureCommand command, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(command, cancellationToken));

    /// <summary>Cancel a pending erasure during its grace period, with the account's e-mail and password (no session needed).</summary>
    public static async Task<NoContent> CancelErasure(ISender sender, [FromBody] CancelErasureCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<ConsentWithdrawnDto>> WithdrawConsent(ISender sender, ConsentKind kind, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new WithdrawConsentCommand(kind), cancellationToken));

    /// <summary>Accepts the current version of the Privacy Policy or (the owner) the Public Offer; lifts the restriction a withdrawal caused.</summary>
    public static async Task<NoContent> AcceptLegalDocument(ISender sender, ConsentKind kind, CancellationToken cancellationToken)
    {
        await sender.Send(new AcceptLegalDocumentCommand(kind), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The owner restricts the processing of the tenant's data: kept, read-only, bots silent, nothing sent to third parties.</summary>
    public static async Task<Ok<ProcessingRestrictionDto>> RestrictProcessing(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RestrictProcessingCommand(), cancellationToken));

    /// <summary>The owner lifts the restriction they asked for; the answer says whether a withdrawn consent still restricts it.</summary>
    public static async Task<Ok<ProcessingRestrictionDto>> LiftRestriction(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new LiftRestrictionCommand(), cancellationToken));
    // The right of access: a zip of the caller's data, built in the background and e-mailed as a link.
    private static void MapExports(RouteGroupBuilder exports)
    {
        exports.MapPost("", RequestDataExport);
        exports.MapGet("", GetMyDataExports);
        exports.MapGet("/{id:guid}", GetDataExport).ProducesProblem(StatusCodes.Status404NotFound);
        exports.MapGet("/{id:guid}/download", DownloadDataExport)
            .Produces<Stream>(StatusCodes.Status200OK, "application/zip")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>
    /// Starts an export of the caller's data (an owner's: the whole tenant; an agent's: their own account), or returns
    /// the one still being built. <paramref name="language"/> (default Uz) is the language of the e-mail and the README.
    /// </summary>
    public static async Task<Accepted<DataExportDto>> RequestDataExport(ISender sender, CancellationToken cancellationToken, UserLanguage? language = null)
    {
        var export = await sender.Send(new RequestDataExportCommand(language ?? UserLanguage.Uz), cancellationToken);
        return TypedResults.Accepted($"/api/privacy/exports/{export.Id}", export);
    }

    /// <summary>The caller's exports that have not been deleted yet, newest first.</summary>
    public static async Task<Ok<IReadOnlyList<DataExportDto>>> GetMyDataExports(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetMyDataExportsQuery(), cancellationToken));

    /// <summary>One of the caller's exports: poll until its status is Ready.</summary>
    public static async Task<Ok<DataExportDto>> GetDataExport(ISender sender, Guid id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetDataExportQuery(id), cancellationToken));

    /// <summary>The zip of a ready export, for 7 days; only for the user who asked for it (anybody else: 404).</summary>
    public static async Task<FileStreamHttpResult> DownloadDataExport(ISender sender, Guid id, CancellationToken cancellationToken)
    {
        var file = await sender.Send(new DownloadDataExportQuery(id), cancellationToken);
        return TypedResults.File(file.Content, "application/zip", file.FileName);
    }
}
