using VirtuOps.Application.Widget.Common;
using VirtuOps.Domain.Bots;

namespace VirtuOps.Application.Widget.Queries.GetWidgetConfig;

/// <summary>What the widget shows before the first message: the bot's name, greeting and languages.</summary>
public sealed record GetWidgetConfigQuery(string WidgetKey, string? Origin) : IQuery<WidgetConfigDto>;

public sealed record WidgetConfigDto(string BotName, string Greeting, IReadOnlyList<BotLanguage> Languages);

public sealed class GetWidgetConfigQueryHandler(WidgetAccess access) : IQueryHandler<GetWidgetConfigQuery, WidgetConfigDto>
{
    public async ValueTask<WidgetConfigDto> Handle(GetWidgetConfigQuery query, CancellationToken cancellationToken)
    {
        var bot = await access.OpenAsync(query.WidgetKey, query.Origin, cancellationToken);
        return new WidgetConfigDto(bot.Name, bot.Greeting, bot.Languages);
    }
}
