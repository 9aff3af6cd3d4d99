namespace VirtuOps.Application.Accounts.Commands.UpdateProfile;

/// <summary>Rectifies the user's name (the right to rectification).</summary>
[Authorize]
public sealed record UpdateProfileCommand(string FullName) : ICommand;

public sealed class UpdateProfileCommandHandler(ICurrentUser currentUser, IIdentityService identity) : ICommandHandler<UpdateProfileCommand>
{
    public async ValueTask<Unit> Handle(UpdateProfileCommand command, CancellationToken cancellationToken)
    {
        await identity.UpdateFullNameAsync(currentUser.UserId ?? throw new SignInRequiredException(), command.FullName.Trim(), cancellationToken);
        return Unit.Value;
    }
}

public sealed class UpdateProfileCommandValidator : AbstractValidator<UpdateProfileCommand>
{
    public UpdateProfileCommandValidator() => RuleFor(c => c.FullName).NotEmpty().MaximumLength(200);
}
