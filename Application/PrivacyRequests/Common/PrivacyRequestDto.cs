using VirtuOps.Domain.PrivacyRequests;

namespace VirtuOps.Application.PrivacyRequests.Common;

public sealed record PrivacyRequestDto(
    Guid Id,
    PrivacyRequestKind Kind,
    PrivacyRequestStatus Status,
    string? Text,
    DateTimeOffset ReceivedAt,
    DateTimeOffset DueAt,
    string? Answer,
    DateTimeOffset? AnsweredAt)
{
    public static PrivacyRequestDto From(PrivacyRequest r) =>
        new(r.Id, r.Kind, r.Status, r.Text, r.ReceivedAt, r.DueAt, r.Answer, r.AnsweredAt);
}
