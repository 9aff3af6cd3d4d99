using Microsoft.Extensions.Options;
using VirtuOps.Application.Erasure.Common;
using VirtuOps.Application.PrivacyRequests.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Privacy;
using VirtuOps.Domain.PrivacyRequests;

namespace VirtuOps.Application.Erasure.Commands.RequestErasure;

/// <summary>
/// Asks for erasure with the password typed again: an owner's erases the whole tenant (agents included), an agent's
/// their own account. At once the account(s) are signed out everywhere and cannot sign in (an owner's also revokes the
/// tenant's API keys and silences its bots); the data is purged after <c>Privacy:ErasureGracePeriod</c>, until when
/// the erasure can be cancelled with the e-mail and password. Asking again while one is pending returns that one.
/// </summary>
[Authorize]
[AllowedWhileRestricted]
public sealed record RequestErasureCommand(string Password) : ICommand<ErasureScheduledDto>;

public sealed record ErasureScheduledDto(ErasureScope Scope, DateTimeOffset RequestedAt, DateTimeOffset PurgeAfter);

public sealed class RequestErasureCommandHandler(
    ICurrentUser currentUser,
    IIdentityService identity,
    ISignInService signIn,
    IApplicationDbContext context,
    ErasureMail mail,
    PrivacyRequestRecorder privacyRequests,
    IOptions<ErasureOptions> options,
    TimeProvider time) : ICommandHandler<RequestErasureCommand, ErasureScheduledDto>
{
    public async ValueTask<ErasureScheduledDto> Handle(RequestErasureCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId ?? throw new SignInRequiredException();
        var account = await identity.FindByIdAsync(userId, cancellationToken) ?? throw new SignInRequiredException();
        if (account.TenantId is not { } tenantId)
            throw new ForbiddenAccessException("Platform staff accounts are removed by an administrator.");

        var (result, _, lockedFor) = await signIn.CheckPasswordAsync(account.Email, command.Password, cancellationToken);
        if (result == PasswordCheckResult.LockedOut)
            throw new TooManyRequestsException("Too many wrong passwords for this account. Try again later.", lockedFor);
        if (result != PasswordCheckResult.Succeeded)
            throw ValidationException.ForField("password", "The password is wrong.");

        var existing = await context.ErasureRequests.PendingFor(userId, tenantId).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
            return new ErasureScheduledDto(existing.Scope, existing.RequestedAt, existing.PurgeAfter);

        // Only agents are invited, so an owner is always the tenant's last one: their erasure takes the tenant.
        var scope = account.Roles.Contains(Roles.Owner) ? ErasureScope.Tenant : ErasureScope.Account;
        var now = time.GetUtcNow();
        var privacyRequest = privacyRequests.Record(PrivacyRequestKind.Erasure,
            scope == ErasureScope.Tenant ? "Erase my company and all its data." : "Erase my account.");
        var request = ErasureRequest.Schedule(tenantId, userId, scope, now, options.Value.ErasureGracePeriod, privacyRequest.Id);
        context.ErasureRequests.Add(request);

        var erased = scope == ErasureScope.Tenant
            ? (await identity.ListTenantUsersAsync(tenantId, cancellationToken)).Select(u => u.Id).ToList()
            : [userId];
        foreach (var session in await context.UserSessions.Where(s => erased.Contains(s.UserId) && s.EndedAt == null).ToListAsync(cancellationToken))
            session.End(now);
        if (scope == ErasureScope.Tenant)
        {
            foreach (var key in await context.ApiKeys.Where(k => k.RevokedAt == null).ToListAsync(cancellationToken))
                key.Revoke(now);
        }

        await context.SaveChangesAsync(cancellationToken);

        // A new security stamp also refuses any cookie whose session check has not run yet.
        foreach (var id in erased)
            await identity.RotateSecurityStampAsync(id, cancellationToken);
        await signIn.SignOutAsync(cancellationToken);

        await mail.ScheduledAsync(account.Email, scope, request.PurgeAfter, cancellationToken);
        return new ErasureScheduledDto(scope, request.RequestedAt, request.PurgeAfter);
    }
}

public sealed class RequestErasureCommandValidator : AbstractValidator<RequestErasureCommand>
{
    public RequestErasureCommandValidator() => RuleFor(c => c.Password).NotEmpty().MaximumLength(128);
}
