using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Accounts.Commands.SetTwoFactor;

/// <summary>Turns two-factor sign-in by SMS on or off. It needs a verified phone; platform staff cannot turn it off.</summary>
[Authorize]
[AllowedWhileRestricted]
public sealed record SetTwoFactorCommand(bool Enabled) : ICommand;

public sealed class SetTwoFactorCommandHandler(ICurrentUser currentUser, IIdentityService identity) : ICommandHandler<SetTwoFactorCommand>
{
    public async ValueTask<Unit> Handle(SetTwoFactorCommand command, CancellationToken cancellationToken)
    {
        var user = await identity.FindByIdAsync(currentUser.UserId ?? throw new SignInRequiredException(), cancellationToken) ?? throw new SignInRequiredException();
        if (command.Enabled && !user.PhoneNumberConfirmed)
            throw new Domain.Exceptions.DomainRuleViolationException("Verify your phone number before turning on two-factor sign-in.");
        if (!command.Enabled && (user.Roles.Contains(Roles.Admin) || user.Roles.Contains(Roles.Support)))
            throw new Domain.Exceptions.DomainRuleViolationException("Two-factor sign-in is mandatory for platform staff.");

        await identity.SetTwoFactorAsync(user.Id, command.Enabled, cancellationToken);
        return Unit.Value;
    }
}
