using VirtuOps.Domain.Common;
using VirtuOps.Application.AdminPrivacyRequests.Common;
using VirtuOps.Application.PrivacyRequests.Common;
using VirtuOps.Domain.PrivacyRequests;

namespace VirtuOps.Application.AdminPrivacyRequests.Commands.AnswerPrivacyRequest;

/// <summary>
/// Staff answer a data-subject request: the answer is kept on the request and e-mailed to the requester. Sending the
/// same answer again changes nothing and sends nothing (a double click); a different one to a closed request → 422.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Support)]
public sealed record AnswerPrivacyRequestCommand(Guid Id, string Answer) : ICommand;

public sealed class AnswerPrivacyRequestCommandHandler(IApplicationDbContext context, StaffPrivacyRequests requests, PrivacyRequestMail mail, TimeProvider time)
    : ICommandHandler<AnswerPrivacyRequestCommand>
{
    public async ValueTask<Unit> Handle(AnswerPrivacyRequestCommand command, CancellationToken cancellationToken)
    {
        var request = await requests.FindAsync(command.Id, "Answered the data-subject request", cancellationToken);
        if (request.Respond(command.Answer, time.GetUtcNow()))
        {
            await context.SaveChangesAsync(cancellationToken);
            await mail.SendAnswerAsync(request, cancellationToken);
        }

        return Unit.Value;
    }
}

public sealed class AnswerPrivacyRequestCommandValidator : AbstractValidator<AnswerPrivacyRequestCommand>
{
    public AnswerPrivacyRequestCommandValidator() => RuleFor(c => c.Answer).NotEmpty().MaximumLength(PrivacyRequest.AnswerMaxLength);
}
