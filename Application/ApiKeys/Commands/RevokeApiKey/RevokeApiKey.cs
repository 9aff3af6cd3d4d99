using VirtuOps.Domain.Common;

namespace VirtuOps.Application.ApiKeys.Commands.RevokeApiKey;

/// <summary>Revokes a key at once; requests with it are refused from then on.</summary>
[Authorize(Roles = Roles.Owner)]
[AllowedWhileRestricted]
public sealed record RevokeApiKeyCommand(Guid Id) : ICommand;

public sealed class RevokeApiKeyCommandHandler(IApplicationDbContext context, TimeProvider time) : ICommandHandler<RevokeApiKeyCommand>
{
    public async ValueTask<Unit> Handle(RevokeApiKeyCommand command, CancellationToken cancellationToken)
    {
        // The tenant filter makes another tenant's key look like no key at all: 404, not 403.
        var apiKey = await context.ApiKeys.SingleOrDefaultAsync(k => k.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("No such API key.");
        apiKey.Revoke(time.GetUtcNow());
        await context.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
