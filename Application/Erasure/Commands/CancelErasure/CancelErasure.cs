using VirtuOps.Application.Erasure.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Privacy;

namespace VirtuOps.Application.Erasure.Commands.CancelErasure;

/// <summary>
/// Cancels a pending erasure during its grace period. The account is signed out and cannot sign in then, so the
/// cancel is a sign-in of its own: the e-mail and password (with the sign-in lockout), allowed only to cancel. The
/// erasure of a whole tenant only its owner can cancel. Afterwards the account signs in as usual; revoked API keys
/// stay revoked.
/// </summary>
public sealed record CancelErasureCommand(string Email, string Password) : ICommand;

public sealed class CancelErasureCommandHandler(
    ISignInService signIn, IApplicationDbContext context, ErasureMail mail, TimeProvider time) : ICommandHandler<CancelErasureCommand>
{
    public async ValueTask<Unit> Handle(CancelErasureCommand command, CancellationToken cancellationToken)
    {
        var (result, user, lockedFor) = await signIn.CheckPasswordAsync(command.Email.Trim(), command.Password, cancellationToken);
        if (result == PasswordCheckResult.LockedOut)
            throw new TooManyRequestsException("Too many failed sign-ins with this e-mail address. Try again later or reset the password.", lockedFor);
        if (result != PasswordCheckResult.Succeeded || user is null)
            throw ValidationException.ForField("password", "The e-mail or password is wrong.");

        var request = await context.ErasureRequests.PendingFor(user.Id, user.TenantId).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("No erasure is scheduled for this account.");
        if (request.Scope == ErasureScope.Tenant && !user.Roles.Contains(Roles.Owner))
            throw new ForbiddenAccessException("Only the owner can cancel the erasure of the whole company.");
        var now = time.GetUtcNow();
        // The purge takes requests whose grace period is over; refusing those here means the two never meet.
        if (now >= request.PurgeAfter)
            throw new ConflictException("The grace period is over and the erasure has begun; it can no longer be cancelled.");

        request.Cancel(now);
        await ErasureRecord.AnswerAsync(context, request, "Cancelled by the requester during the grace period; nothing was erased.", now, cancellationToken);
        await context.SaveChangesAsync(cancellationToken);
        await mail.CancelledAsync(user.Email, cancellationToken);
        return Unit.Value;
    }
}

public sealed class CancelErasureCommandValidator : AbstractValidator<CancelErasureCommand>
{
    public CancelErasureCommandValidator()
    {
        RuleFor(c => c.Email).NotEmpty().MaximumLength(256).EmailAddress();
        RuleFor(c => c.Password).NotEmpty().MaximumLength(128);
    }
}
