using VirtuOps.Domain.PrivacyRequests;

namespace VirtuOps.Application.PrivacyRequests.Common;

/// <summary>
/// Records data-subject requests with their due date. Handlers of the rights (export, erasure, restriction, consent
/// withdrawal, a contact's export or erasure) call it; the row is added to the caller's unit of work and saved with it,
/// and saving it e-mails the privacy team (and acknowledges an open request to the requester).
/// </summary>
public sealed class PrivacyRequestRecorder(IApplicationDbContext context, ICurrentUser currentUser, BusinessCalendar calendar, TimeProvider time)
{
    /// <summary>A request of the signed-in user, for themselves (and their tenant).</summary>
    public PrivacyRequest Record(PrivacyRequestKind kind, string? text = null)
    {
        var userId = currentUser.UserId ?? throw new SignInRequiredException();
        return Add(kind, userId, currentUser.TenantId, email: null, text);
    }

    /// <summary>
    /// A request the tenant's action fulfilled at once (e.g. a contact's export), by a signed-in user or through an API
    /// key (which has no user, so the key's prefix is written into the text): recorded as answered.
    /// </summary>
    public PrivacyRequest RecordAnswered(PrivacyRequestKind kind, string text, string answer)
    {
        var request = currentUser.UserId is null && currentUser.TenantId is { } tenantId
            ? Add(kind, userId: null, tenantId, email: null, $"{text} (through {currentUser.Id})")
            : Record(kind, text);
        request.AnswerNow(answer, request.ReceivedAt);
        return request;
    }

    /// <summary>A request sent signed out, once its sender proved they hold the address.</summary>
    public PrivacyRequest RecordForEmail(PrivacyRequestKind kind, string email, string text) =>
        Add(kind, userId: null, tenantId: null, email, text);

    private PrivacyRequest Add(PrivacyRequestKind kind, Guid? userId, Guid? tenantId, string? email, string? text)
    {
        var now = time.GetUtcNow();
        var dueAt = calendar.AddBusinessDays(now, BusinessCalendar.AnswerWithinBusinessDays);
        var remindAt = calendar.AddBusinessDays(dueAt, -BusinessCalendar.ReminderBusinessDaysBeforeDue);
        var request = PrivacyRequest.Receive(kind, userId, tenantId, email, text, now, dueAt, remindAt);
        context.PrivacyRequests.Add(request);
        return request;
    }
}
