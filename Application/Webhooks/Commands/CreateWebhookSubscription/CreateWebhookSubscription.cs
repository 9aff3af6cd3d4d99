using Microsoft.Extensions.Options;
using VirtuOps.Application.Webhooks.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Webhooks;

namespace VirtuOps.Application.Webhooks.Commands.CreateWebhookSubscription;

/// <summary>The owner subscribes an endpoint to events. The signing secret is returned this once and never again.</summary>
[Authorize(Roles = Roles.Owner)]
public sealed record CreateWebhookSubscriptionCommand(string Url, IReadOnlyList<string> Events, string? Description)
    : ICommand<CreatedWebhookSubscriptionDto>;

public sealed class CreateWebhookSubscriptionCommandHandler(IApplicationDbContext context, ISecretProtector secrets, TimeProvider time)
    : ICommandHandler<CreateWebhookSubscriptionCommand, CreatedWebhookSubscriptionDto>
{
    public async ValueTask<CreatedWebhookSubscriptionDto> Handle(CreateWebhookSubscriptionCommand command, CancellationToken cancellationToken)
    {
        var secret = WebhookSecrets.New();
        var subscription = WebhookSubscription.Create(new Uri(command.Url.Trim()).AbsoluteUri, command.Events, command.Description,
            id => secrets.Protect(secret, id.ToString()));
        context.WebhookSubscriptions.Add(subscription);
        await context.SaveChangesAsync(cancellationToken);
        return new CreatedWebhookSubscriptionDto(subscription.ToDto(time.GetUtcNow()), secret);
    }
}

public sealed class CreateWebhookSubscriptionCommandValidator : AbstractValidator<CreateWebhookSubscriptionCommand>
{
    public CreateWebhookSubscriptionCommandValidator(IApplicationDbContext context, IWebhookTargetGuard guard, IOptions<WebhookOptions> options)
    {
        RuleFor(c => c.Url)
            .NotEmpty()
            .MaximumLength(WebhookSubscription.UrlMaxLength)
            .Must(url => Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.UserInfo.Length == 0)
            .WithMessage("Enter an absolute http(s) URL without a user name or password.")
            .Must(url => options.Value.AllowHttp || new Uri(url.Trim()).Scheme == "https")
            .WithMessage("Use an https URL.")
            .MustAsync(async (url, ct) =>
            {
                var absolute = new Uri(url.Trim()).AbsoluteUri;
                return !await context.WebhookSubscriptions.AnyAsync(s => s.Url == absolute, ct);
            })
            .WithMessage("This URL already has a subscription; change or delete that one.")
            .CustomAsync(async (url, validation, ct) =>
            {
                if (await guard.RefusalAsync(new Uri(url.Trim()), ct) is { } refusal)
                    validation.AddFailure(refusal);
            });
        RuleFor(c => c.Events)
            .NotEmpty().WithMessage("Choose at least one event.")
            .Must(events => events.Count <= WebhookEventTypes.All.Count * 2).WithMessage("Too many events.")
            .Must(events => events.Distinct().Count() == events.Count).WithMessage("Each event may be named once.");
        RuleForEach(c => c.Events)
            .Must(WebhookEventTypes.IsKnown)
            .WithMessage(name => $"Unknown event. Known events: {string.Join(", ", WebhookEventTypes.All)}.");
        RuleFor(c => c.Description).MaximumLength(WebhookSubscription.DescriptionMaxLength);
        RuleFor(c => c)
            .MustAsync(async (_, ct) => await context.WebhookSubscriptions.CountAsync(ct) < WebhookOptions.MaxSubscriptionsPerTenant)
            .WithName("Url")
            .WithMessage($"A tenant can have at most {WebhookOptions.MaxSubscriptionsPerTenant} webhook subscriptions.");
    }
}
