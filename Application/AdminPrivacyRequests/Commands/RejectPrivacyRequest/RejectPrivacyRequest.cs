using VirtuOps.Domain.Common;
using VirtuOps.Application.AdminPrivacyRequests.Common;
using VirtuOps.Application.PrivacyRequests.Common;
using VirtuOps.Domain.PrivacyRequests;

namespace VirtuOps.Application.AdminPrivacyRequests.Commands.RejectPrivacyRequest;

/// <summary>
/// Staff close a request without fulfilling it (a duplicate, a requester who could not be verified): the reason is kept
/// and e-mailed to the requester. The same reason again changes nothing; anything else on a closed request → 422.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Support)]
public sealed record RejectPrivacyRequestCommand(Guid Id, string Reason) : ICommand;

public sealed class RejectPrivacyRequestCommandHandler(IApplicationDbContext context, StaffPrivacyRequests requests, PrivacyRequestMail mail, TimeProvider time)
    : ICommandHandler<RejectPrivacyRequestCommand>
{
    public async ValueTask<Unit> Handle(RejectPrivacyRequestCommand command, CancellationToken cancellationToken)
    {
        var request = await requests.FindAsync(command.Id, command.Reason, cancellationToken);
        if (request.Reject(command.Reason, time.GetUtcNow()))
        {
            await context.SaveChangesAsync(cancellationToken);
            await mail.SendAnswerAsync(request, cancellationToken);
        }

        return Unit.Value;
    }
}

public sealed class RejectPrivacyRequestCommandValidator : AbstractValidator<RejectPrivacyRequestCommand>
{
    public RejectPrivacyRequestCommandValidator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(PrivacyRequest.AnswerMaxLength);
}
