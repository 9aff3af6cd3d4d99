namespace VirtuOps.Domain.PrivacyRequests;

public enum PrivacyRequestStatus
{
    Received = 0,
    InProgress = 1,
    Answered = 2,
    Rejected = 3,
}
