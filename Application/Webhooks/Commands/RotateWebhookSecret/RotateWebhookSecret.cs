using Microsoft.Extensions.Options;
using VirtuOps.Application.Webhooks.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Webhooks.Commands.RotateWebhookSecret;

/// <summary>
/// A new signing secret, returned this once. Until <see cref="RotatedWebhookSecretDto.PreviousSecretExpiresAt"/> every
/// delivery is signed with both, so the receiver can switch to the new one without rejecting events.
/// </summary>
[Authorize(Roles = Roles.Owner)]
public sealed record RotateWebhookSecretCommand(Guid Id) : ICommand<RotatedWebhookSecretDto>;

public sealed record RotatedWebhookSecretDto(string Secret, DateTimeOffset PreviousSecretExpiresAt);

public sealed class RotateWebhookSecretCommandHandler(IApplicationDbContext context, ISecretProtector secrets, IOptions<WebhookOptions> options,
    TimeProvider time) : ICommandHandler<RotateWebhookSecretCommand, RotatedWebhookSecretDto>
{
    public async ValueTask<RotatedWebhookSecretDto> Handle(RotateWebhookSecretCommand command, CancellationToken cancellationToken)
    {
        var subscription = await context.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("No such webhook subscription.");
        var secret = WebhookSecrets.New();
        var previousValidUntil = time.GetUtcNow() + options.Value.SecretRotationWindow;
        subscription.RotateSecret(secrets.Protect(secret, subscription.Id.ToString()), previousValidUntil);
        await context.SaveChangesAsync(cancellationToken);
        return new RotatedWebhookSecretDto(secret, previousValidUntil);
    }
}
