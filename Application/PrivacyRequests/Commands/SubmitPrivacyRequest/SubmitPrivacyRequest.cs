using VirtuOps.Application.PrivacyRequests.Common;
using VirtuOps.Domain.PrivacyRequests;

namespace VirtuOps.Application.PrivacyRequests.Commands.SubmitPrivacyRequest;

/// <summary>A signed-in user writes to the privacy team ("Contact the privacy team"); the answer is due in 15 business days.</summary>
[Authorize]
[AllowedWhileRestricted]
public sealed record SubmitPrivacyRequestCommand(PrivacyRequestKind Kind, string Text) : ICommand<PrivacyRequestDto>;

public sealed class SubmitPrivacyRequestCommandHandler(IApplicationDbContext context, PrivacyRequestRecorder privacyRequests)
    : ICommandHandler<SubmitPrivacyRequestCommand, PrivacyRequestDto>
{
    public async ValueTask<PrivacyRequestDto> Handle(SubmitPrivacyRequestCommand command, CancellationToken cancellationToken)
    {
        var request = privacyRequests.Record(command.Kind, command.Text);
        await context.SaveChangesAsync(cancellationToken);
        return PrivacyRequestDto.From(request);
    }
}

public sealed class SubmitPrivacyRequestCommandValidator : AbstractValidator<SubmitPrivacyRequestCommand>
{
    public SubmitPrivacyRequestCommandValidator()
    {
        RuleFor(c => c.Kind).TypedKind();
        RuleFor(c => c.Text).RequestText();
    }
}
