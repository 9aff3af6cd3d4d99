using VirtuOps.Application.PrivacyRequests.Common;

namespace VirtuOps.Application.PrivacyRequests.Commands.ConfirmPublicPrivacyRequest;

/// <summary>The sender opened the e-mailed link: the request is recorded now, and its 15 business days start.</summary>
public sealed record ConfirmPublicPrivacyRequestCommand(Guid Id, string Token) : ICommand<PrivacyRequestConfirmedDto>;

public sealed record PrivacyRequestConfirmedDto(Guid Id, DateTimeOffset ReceivedAt, DateTimeOffset DueAt);

public sealed class ConfirmPublicPrivacyRequestCommandHandler(
    IApplicationDbContext context, ISecretHasher hasher, PrivacyRequestRecorder privacyRequests, TimeProvider time)
    : ICommandHandler<ConfirmPublicPrivacyRequestCommand, PrivacyRequestConfirmedDto>
{
    public async ValueTask<PrivacyRequestConfirmedDto> Handle(ConfirmPublicPrivacyRequestCommand command, CancellationToken cancellationToken)
    {
        var tokenHash = hasher.HashApiKey(command.Token);
        var unconfirmed = await context.UnconfirmedPrivacyRequests
            .FirstOrDefaultAsync(r => r.Id == command.Id && r.TokenHash == tokenHash, cancellationToken);
        if (unconfirmed is null || time.GetUtcNow() >= unconfirmed.ExpiresAt)
            throw ValidationException.ForField(nameof(command.Token), "The link is invalid, already used or expired. Send the request again.");

        var request = privacyRequests.RecordForEmail(unconfirmed.Kind, unconfirmed.Email, unconfirmed.Text);
        context.UnconfirmedPrivacyRequests.Remove(unconfirmed);
        await context.SaveChangesAsync(cancellationToken);
        return new PrivacyRequestConfirmedDto(request.Id, request.ReceivedAt, request.DueAt);
    }
}

public sealed class ConfirmPublicPrivacyRequestCommandValidator : AbstractValidator<ConfirmPublicPrivacyRequestCommand>
{
    public ConfirmPublicPrivacyRequestCommandValidator()
    {
        RuleFor(c => c.Id).NotEmpty();
        RuleFor(c => c.Token).NotEmpty().MaximumLength(100);
    }
}
