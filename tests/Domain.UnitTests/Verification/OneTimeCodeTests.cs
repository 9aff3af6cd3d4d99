using VirtuOps.Domain.Verification;

namespace Domain.UnitTests.Verification;

public sealed class OneTimeCodeTests
{
    private static readonly DateTimeOffset SentAt = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    // The "hash" is the code itself here: the rules, not the hashing, are under test.
    private static OneTimeCode Issue() => OneTimeCode.Issue(Guid.CreateVersion7(), OneTimeCodePurpose.PhoneVerification, "+998901234567", "123456", SentAt);

    private static bool Matches(string code, string hash) => code == hash;

    [Fact]
    public void The_right_code_within_five_minutes_is_accepted_once()
    {
        var code = Issue();

        code.Check("123456", SentAt.AddMinutes(4), Matches).ShouldBe(CodeCheckResult.Accepted);
        code.Check("123456", SentAt.AddMinutes(4), Matches).ShouldBe(CodeCheckResult.AlreadyUsed);
    }

    [Fact]
    public void A_code_is_refused_from_the_moment_it_expires()
    {
        Issue().Check("123456", SentAt + OneTimeCode.Lifetime, Matches).ShouldBe(CodeCheckResult.Expired);
    }

    [Fact]
    public void The_fifth_wrong_try_uses_up_the_code()
    {
        var code = Issue();

        for (var attempt = 1; attempt < OneTimeCode.MaxAttempts; attempt++)
        {
            code.Check("000000", SentAt, Matches).ShouldBe(CodeCheckResult.Wrong);
            code.AttemptsLeft.ShouldBe(OneTimeCode.MaxAttempts - attempt);
        }

        code.Check("000000", SentAt, Matches).ShouldBe(CodeCheckResult.TooManyAttempts);
        code.Check("123456", SentAt, Matches).ShouldBe(CodeCheckResult.TooManyAttempts);
    }

    [Fact]
    public void Another_code_may_be_sent_sixty_seconds_after_this_one()
    {
        Issue().NextResendAllowedAt.ShouldBe(SentAt.AddSeconds(60));
    }
}
