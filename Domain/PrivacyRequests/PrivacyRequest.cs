using VirtuOps.Domain.Common;
using VirtuOps.Domain.Exceptions;

namespace VirtuOps.Domain.PrivacyRequests;

/// <summary>
/// A data-subject request: someone exercising a privacy right, which must be answered by <see cref="DueAt"/>
/// (15 business days after it was received, ZRU-547). The requester is a signed-in user (with their tenant), a tenant
/// through its API key, or, for a request sent signed out, only a confirmed e-mail address.
/// </summary>
public sealed class PrivacyRequest : BaseEntity
{
    public const int TextMaxLength = 4000;
    public const int AnswerMaxLength = 4000;
    public const int EmailMaxLength = 254;

    private PrivacyRequest(PrivacyRequestKind kind, Guid? userId, Guid? tenantId, string? email, string? text,
        DateTimeOffset receivedAt, DateTimeOffset dueAt, DateTimeOffset remindAt)
    {
        Kind = kind;
        UserId = userId;
        TenantId = tenantId;
        Email = email;
        Text = text;
        ReceivedAt = receivedAt;
        DueAt = dueAt;
        RemindAt = remindAt;
    }

    public PrivacyRequestKind Kind { get; private set; }

    public Guid? UserId { get; private set; }

    public Guid? TenantId { get; private set; }

    /// <summary>Where the answer goes: the confirmed address of a signed-out requester; null for a signed-in user (their account's address).</summary>
    public string? Email { get; private set; }

    public string? Text { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    /// <summary>When the privacy team is reminded of an unanswered request: 3 business days before <see cref="DueAt"/>.</summary>
    public DateTimeOffset RemindAt { get; private set; }

    public DateTimeOffset? ReminderSentAt { get; private set; }

    public PrivacyRequestStatus Status { get; private set; }

    public string? Answer { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>The platform staff member working on the request.</summary>
    public Guid? AssignedToUserId { get; private set; }

    public bool IsOpen => Status is PrivacyRequestStatus.Received or PrivacyRequestStatus.InProgress;

    public static PrivacyRequest Receive(PrivacyRequestKind kind, Guid? userId, Guid? tenantId, string? email, string? text,
        DateTimeOffset receivedAt, DateTimeOffset dueAt, DateTimeOffset remindAt)
    {
        // The tenant alone is the requester when it acts as controller through its API key (a contact's export or erasure).
        if (userId is null && tenantId is null && string.IsNullOrWhiteSpace(email))
            throw new DomainRuleViolationException("A privacy request needs a requester: a user, a tenant or an e-mail address.");
        if (dueAt <= receivedAt || remindAt > dueAt)
            throw new DomainRuleViolationException("A privacy request is due after it was received, and reminded of before it is due.");

        var request = new PrivacyRequest(kind, userId, tenantId, email?.Trim().ToLowerInvariant(),
            string.IsNullOrWhiteSpace(text) ? null : text.Trim(), receivedAt, dueAt, remindAt);
        request.AddDomainEvent(new PrivacyRequestReceivedEvent(request.Id));
        return request;
    }

    /// <summary>
    /// What is kept of the request once its requester is erased: kind, dates, status and our answer, as the record that
    /// it was answered in time; the address and the requester's own words go.
    /// </summary>
    public void Anonymise()
    {
        Email = null;
        Text = null;
    }

    /// <summary>A request the platform fulfils by itself at once (e.g. a contact's export): answered when received.</summary>
    public void AnswerNow(string answer, DateTimeOffset at)
    {
        if (!Close(PrivacyRequestStatus.Answered, answer, at))
            throw new DomainRuleViolationException("This privacy request is already closed.");
    }

    /// <summary>A staff member takes the request on: it is in progress from now.</summary>
    public void AssignTo(Guid staffUserId)
    {
        if (!IsOpen)
            throw new DomainRuleViolationException("This privacy request is already closed.");
        AssignedToUserId = staffUserId;
        Status = PrivacyRequestStatus.InProgress;
    }

    /// <summary>Staff answer the request (it is fulfilled); false when it already has this very answer (a repeated call).</summary>
    public bool Respond(string answer, DateTimeOffset at) => Close(PrivacyRequestStatus.Answered, answer, at);

    /// <summary>Staff close the request without fulfilling it (a duplicate, a requester who cannot be verified), saying why.</summary>
    public bool Reject(string reason, DateTimeOffset at) => Close(PrivacyRequestStatus.Rejected, reason, at);

    private bool Close(PrivacyRequestStatus outcome, string text, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > AnswerMaxLength)
            throw new DomainRuleViolationException($"An answer is 1 to {AnswerMaxLength} characters.");
        var trimmed = text.Trim();
        if (!IsOpen)
            return Status == outcome && Answer == trimmed
                ? false
                : throw new DomainRuleViolationException("This privacy request is already closed.");
        Status = outcome;
        Answer = trimmed;
        AnsweredAt = at;
        return true;
    }
}
