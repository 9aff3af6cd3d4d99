using VirtuOps.Application.PrivacyRequests.Common;
using VirtuOps.Domain.PrivacyRequests;

namespace VirtuOps.Application.PrivacyRequests.Commands.SendPrivacyRequestDigest;

/// <summary>
/// Sent daily by the digest job (<c>Privacy:DigestCron</c>): e-mails every Admin and Support user the open requests due
/// within 3 business days, overdue ones included, once per person per day. Each person's day is claimed (a unique row)
/// before the e-mail goes, so a rerun or a retry that day sends nothing twice; a failed e-mail gives the claim back.
/// </summary>
public sealed record SendPrivacyRequestDigestCommand : ICommand<int>;

public sealed class SendPrivacyRequestDigestCommandHandler(
    IApplicationDbContext context, IIdentityService identity, PrivacyRequestMail mail, BusinessCalendar calendar, IDatabaseWriter writer,
    TimeProvider time, ILogger<SendPrivacyRequestDigestCommandHandler> logger)
    : ICommandHandler<SendPrivacyRequestDigestCommand, int>
{
    public async ValueTask<int> Handle(SendPrivacyRequestDigestCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var horizon = calendar.AddBusinessDays(now, BusinessCalendar.ReminderBusinessDaysBeforeDue);
        var due = await context.PrivacyRequests.AsNoTracking()
            .Where(r => r.DueAt <= horizon && (r.Status == PrivacyRequestStatus.Received || r.Status == PrivacyRequestStatus.InProgress))
            .OrderBy(r => r.DueAt).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
            return 0;

        var digest = due.Select(r => (r, calendar.BusinessDaysBetween(now, r.DueAt))).ToList();
        var day = DateOnly.FromDateTime(now.ToOffset(BusinessCalendar.TashkentOffset).DateTime);
        var alreadySent = await context.PrivacyDigestDeliveries.Where(d => d.Day == day).Select(d => d.StaffUserId).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var staff in (await identity.ListStaffAsync(cancellationToken)).Where(s => !alreadySent.Contains(s.Id)))
        {
            var delivery = PrivacyDigestDelivery.Claim(staff.Id, day, now);
            context.PrivacyDigestDeliveries.Add(delivery);
            try
            {
                await writer.RunExclusiveAsync(() => context.SaveChangesAsync(cancellationToken), cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another run claimed this person's day first (the row is unique): theirs is the one e-mail.
                context.PrivacyDigestDeliveries.Entry(delivery).State = EntityState.Detached;
                continue;
            }

            try
            {
                await mail.SendDigestAsync(staff.Email, digest, cancellationToken);
                sent++;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Could not send the privacy request digest to staff user {UserId}", staff.Id);
                context.PrivacyDigestDeliveries.Remove(delivery);
                await writer.RunExclusiveAsync(() => context.SaveChangesAsync(CancellationToken.None), CancellationToken.None);
            }
        }

        return sent;
    }
}
