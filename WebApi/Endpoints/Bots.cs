using System.Text;
using Microsoft.AspNetCore.Mvc;
using VirtuOps.Application.Bots.Commands.CreateBot;
using VirtuOps.Application.Bots.Commands.DeleteBot;
using VirtuOps.Application.Bots.Commands.SetBotStatus;
using VirtuOps.Application.Bots.Commands.UpdateBot;
using VirtuOps.Application.Bots.Common;
using VirtuOps.Application.Bots.Queries.AskPlayground;
using VirtuOps.Application.Bots.Queries.GetBot;
using VirtuOps.Application.Bots.Queries.GetBots;
using VirtuOps.Application.Common.Concurrency;
using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Knowledge.Commands.CreateKnowledgeEntry;
using VirtuOps.Application.Knowledge.Commands.ImportKnowledge;
using VirtuOps.Application.Knowledge.Common;
using VirtuOps.Application.Knowledge.Queries.ExportKnowledge;
using VirtuOps.Application.Knowledge.Queries.GetKnowledgeEntries;
using VirtuOps.Domain.Bots;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>A tenant's bots, their knowledge and the playground.</summary>
public sealed class Bots : IEndpointGroup
{
    public sealed record KnowledgeEntryRequest(IReadOnlyList<string> Questions, string Answer);

    public sealed record KnowledgeImportRequest(string Csv);

    public sealed record PlaygroundRequest(string Question);

    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/bots").WithTags("Bots")
            .RequireAuthorization().AllowApiKeys().RequireAntiforgeryToken()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", GetBots);
        group.MapPost("/", CreateBot).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id:guid}", GetBot).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id:guid}", UpdateBot).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/pause", PauseBot).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/resume", ResumeBot).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}", DeleteBot).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapGet("/{id:guid}/knowledge", GetKnowledgeEntries).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/knowledge", CreateKnowledgeEntry).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/knowledge/import", ImportKnowledge).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/knowledge/export", ExportKnowledge).Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/playground", AskPlayground).ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Ok<IReadOnlyList<BotDto>>> GetBots(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetBotsQuery(), cancellationToken));

    public static async Task<Created<BotDto>> CreateBot(ISender sender, CreateBotCommand command, CancellationToken cancellationToken)
    {
        var bot = await sender.Send(command, cancellationToken);
        return TypedResults.Created($"/api/bots/{bot.Id}", bot);
    }

    public static async Task<Ok<BotDto>> GetBot(ISender sender, HttpResponse response, Guid id, CancellationToken cancellationToken)
    {
        var bot = await sender.Send(new GetBotQuery(id), cancellationToken);
        response.Headers.ETag = EntityTags.Of(bot.Version);
        return TypedResults.Ok(bot);
    }

    /// <summary>Updates a bot; with If-Match (its ETag) only if nobody changed it since, else 412.</summary>
    public static async Task<Ok<BotDto>> UpdateBot(ISender sender, HttpResponse response, Guid id, UpdateBotCommand command,
        [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken)
    {
        var bot = await sender.Send(command with { Id = id, IfMatch = ifMatch }, cancellationToken);
        response.Headers.ETag = EntityTags.Of(bot.Version);
        return TypedResults.Ok(bot);
    }

    public static async Task<NoContent> PauseBot(ISender sender, Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new SetBotStatusCommand(id, BotStatus.Paused), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> ResumeBot(ISender sender, Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new SetBotStatusCommand(id, BotStatus.Active), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> DeleteBot(ISender sender, Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteBotCommand(id, ifMatch), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The bot's knowledge, newest first; <c>search</c> matches questions and answers; pass <c>nextCursor</c> back as <c>cursor</c> for the next page.</summary>
    public static async Task<Ok<CursorPage<KnowledgeEntryDto>>> GetKnowledgeEntries(
        ISender sender, Guid id, CancellationToken cancellationToken, string? search = null, string? cursor = null, int limit = KeysetCursor.DefaultLimit) =>
        TypedResults.Ok(await sender.Send(new GetKnowledgeEntriesQuery(id, search, cursor, limit), cancellationToken));

    public static async Task<Created<KnowledgeEntryDto>> CreateKnowledgeEntry(ISender sender, Guid id, KnowledgeEntryRequest request, CancellationToken cancellationToken)
    {
        var entry = await sender.Send(new CreateKnowledgeEntryCommand(id, request.Questions, request.Answer), cancellationToken);
        return TypedResults.Created($"/api/knowledge/{entry.Id}", entry);
    }

    public static async Task<Ok<KnowledgeImportResultDto>> ImportKnowledge(ISender sender, Guid id, KnowledgeImportRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ImportKnowledgeCommand(id, request.Csv), cancellationToken));

    public static async Task<FileContentHttpResult> ExportKnowledge(ISender sender, Guid id, CancellationToken cancellationToken)
    {
        var csv = await sender.Send(new ExportKnowledgeQuery(id), cancellationToken);
        // With a byte-order mark Excel opens the Uzbek and Russian text as UTF-8.
        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", "knowledge.csv");
    }

    public static async Task<Ok<PlaygroundAnswerDto>> AskPlayground(ISender sender, Guid id, PlaygroundRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new AskPlaygroundQuery(id, request.Question), cancellationToken));
}
