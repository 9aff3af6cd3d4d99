namespace VirtuOps.Domain.Verification;

public enum CodeCheckResult
{
    Accepted = 0,
    Wrong = 1,
    Expired = 2,
    TooManyAttempts = 3,
    AlreadyUsed = 4,
}
