using VirtuOps.Application.PrivacyRequests.Common;
using VirtuOps.Domain.PrivacyRequests;

namespace VirtuOps.Application.PrivacyRequests.Commands.RemindOfDuePrivacyRequests;

/// <summary>
/// Reminds the privacy team of each unanswered request 3 business days before it falls due, once. A run that was
/// missed (the app was down) is made up by the next one: every open request past its reminder time without a reminder
/// gets one.
/// </summary>
public sealed record RemindOfDuePrivacyRequestsCommand : ICommand<int>;

public sealed class RemindOfDuePrivacyRequestsCommandHandler(
    IApplicationDbContext context, PrivacyRequestMail mail, IDatabaseWriter writer, TimeProvider time,
    ILogger<RemindOfDuePrivacyRequestsCommandHandler> logger)
    : ICommandHandler<RemindOfDuePrivacyRequestsCommand, int>
{
    public async ValueTask<int> Handle(RemindOfDuePrivacyRequestsCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await context.PrivacyRequests.AsNoTracking()
            .Where(r => r.ReminderSentAt == null && r.RemindAt <= now
                && (r.Status == PrivacyRequestStatus.Received || r.Status == PrivacyRequestStatus.InProgress))
            .ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var request in due)
        {
            // Claimed before sending, by a conditional update: two runs (or instances) never both send one reminder.
            var claimed = await writer.RunExclusiveAsync(() => context.PrivacyRequests
                .Where(r => r.Id == request.Id && r.ReminderSentAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ReminderSentAt, now), cancellationToken), cancellationToken);
            if (claimed == 0)
                continue;
            try
            {
                await mail.RemindTeamAsync(request, cancellationToken);
                sent++;
            }
            catch (Exception exception)
            {
                // Unclaimed again, so the next run retries it.
                logger.LogError(exception, "Could not send the reminder of privacy request {PrivacyRequestId}", request.Id);
                await writer.RunExclusiveAsync(() => context.PrivacyRequests
                    .Where(r => r.Id == request.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.ReminderSentAt, (DateTimeOffset?)null), CancellationToken.None), CancellationToken.None);
            }
        }

        return sent;
    }
}
