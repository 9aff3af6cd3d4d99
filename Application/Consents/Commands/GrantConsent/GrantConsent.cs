using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Consents;

namespace VirtuOps.Application.Consents.Commands.GrantConsent;

/// <summary>
/// The owner lets the tenant's knowledge and conversations be sent to an external AI provider for generated answers.
/// Without this grant the built-in engine answers. (Sign-up and billing record their own consents.)
/// </summary>
[Authorize(Roles = Roles.Owner)]
[AllowedWhileRestricted]
public sealed record GrantAiDataSharingCommand : ICommand;

public sealed class GrantAiDataSharingCommandHandler(ICurrentUser currentUser, IApplicationDbContext context, IClientInfo client, IOptions<LegalDocumentsOptions> legal, TimeProvider time)
    : ICommandHandler<GrantAiDataSharingCommand>
{
    public async ValueTask<Unit> Handle(GrantAiDataSharingCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId ?? throw new SignInRequiredException();
        context.ConsentRecords.Add(ConsentRecord.Grant(userId, currentUser.TenantId, ConsentKind.AiDataSharing,
            legal.Value.PrivacyPolicyVersion, time.GetUtcNow(), client.IpAddress, client.UserAgent));
        await context.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
