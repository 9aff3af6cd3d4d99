using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Widget.Common;

/// <summary>
/// The web widget's gate: a public widget key names the bot, the page's origin must be one the owner allowed,
/// and from then on the request works inside that bot's tenant.
/// </summary>
public sealed class WidgetAccess(IApplicationDbContext context, ICurrentTenant currentTenant, IClientInfo client, NewVisitorCap newVisitors)
{
    public async Task<Bot> OpenAsync(string widgetKey, string? origin, CancellationToken cancellationToken)
    {
        // The key, not the caller, tells us the tenant, so this one lookup looks across tenants.
        var bot = await context.Bots.IgnoreQueryFilters().SingleOrDefaultAsync(b => b.WidgetKey == widgetKey, cancellationToken)
            ?? throw new NotFoundException("Unknown widget key.");
        if (!bot.AllowsOrigin(origin))
            throw new ForbiddenAccessException("This website is not allowed to use this chat widget.");
        currentTenant.Use(bot.TenantId);
        return bot;
    }

    public async Task<Contact?> FindVisitorAsync(string visitorId, CancellationToken cancellationToken) =>
        await context.Contacts.SingleOrDefaultAsync(c => c.Channel == Channel.Widget && c.ExternalId == visitorId, cancellationToken);

    public async Task<Contact> VisitorAsync(Bot bot, string visitorId, CancellationToken cancellationToken)
    {
        var contact = await FindVisitorAsync(visitorId, cancellationToken);
        if (contact is not null)
            return contact;
        newVisitors.Admit(bot.Id, client.IpAddress);
        contact = Contact.Create(bot.TenantId, Channel.Widget, visitorId, $"Visitor {visitorId[..8]}");
        context.Contacts.Add(contact);
        return contact;
    }
}

public static class WidgetRules
{
    public const int MaxTextLength = 2000;

    /// <summary>A visitor id is the random UUID the widget keeps in the browser.</summary>
    public static IRuleBuilderOptions<T, string> VisitorId<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Must(v => Guid.TryParse(v, out _)).WithMessage("'{PropertyName}' must be the widget's visitor id.");

    /// <summary>Plain text of a sane length, without control characters (other than line breaks and tabs).</summary>
    public static IRuleBuilderOptions<T, string> ChatText<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("'{PropertyName}' must not be empty.")
            .MaximumLength(MaxTextLength)
            .Must(t => t is null || !t.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            .WithMessage("'{PropertyName}' must not contain control characters.");
}
