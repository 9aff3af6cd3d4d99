using Microsoft.AspNetCore.Mvc;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Application.Widget.Commands.RequestHuman;
using VirtuOps.Application.Widget.Commands.SendWidgetMessage;
using VirtuOps.Application.Widget.Queries.GetWidgetConfig;
using VirtuOps.Application.Widget.Queries.GetWidgetConversation;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>
/// The embeddable web widget's public API. No cookies: the bot is named by its widget key, the visitor by the
/// random id the widget keeps in the page's storage (X-Visitor-Id), and only the bot's allowed origins may call.
/// </summary>
public sealed class Widget : IEndpointGroup
{
    public const string VisitorHeader = "X-Visitor-Id";

    public sealed record WidgetMessageRequest(string Text, string? ClientMessageId);

    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/widget/{widgetKey}").WithTags("Widget")
            .RequireCors(WidgetCorsPolicyProvider.PolicyName)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", GetWidgetConfig);
        group.MapGet("/conversation", GetWidgetConversation);
        group.MapPost("/messages", SendWidgetMessage).RequireRateLimiting(RateLimits.Widget).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/handoff", RequestHuman).RequireRateLimiting(RateLimits.Widget).ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    public static async Task<Ok<WidgetConfigDto>> GetWidgetConfig(ISender sender, HttpContext http, string widgetKey, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetWidgetConfigQuery(widgetKey, WidgetOrigin.Of(http)), cancellationToken));

    public static async Task<Ok<WidgetConversationDto>> GetWidgetConversation(ISender sender, HttpContext http, string widgetKey,
        [FromHeader(Name = VisitorHeader)] string visitorId, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetWidgetConversationQuery(widgetKey, WidgetOrigin.Of(http), visitorId), cancellationToken));

    public static async Task<Ok<WidgetReplyDto>> SendWidgetMessage(ISender sender, HttpContext http, string widgetKey,
        [FromHeader(Name = VisitorHeader)] string visitorId, WidgetMessageRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new SendWidgetMessageCommand(widgetKey, WidgetOrigin.Of(http), visitorId, request.Text, request.ClientMessageId), cancellationToken));

    public static async Task<Ok<MessageDto>> RequestHuman(ISender sender, HttpContext http, string widgetKey,
        [FromHeader(Name = VisitorHeader)] string visitorId, CancellationToken cancellationToken) =>
        TypedResults.Ok((await sender.Send(new RequestHumanCommand(widgetKey, WidgetOrigin.Of(http), visitorId), cancellationToken))!);
}
