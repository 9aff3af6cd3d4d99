using VirtuOps.Domain.Exceptions;
using VirtuOps.Domain.PrivacyRequests;

namespace Domain.UnitTests.PrivacyRequests;

public sealed class PrivacyRequestTests
{
    private static readonly DateTimeOffset Received = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static PrivacyRequest Request() =>
        PrivacyRequest.Receive(PrivacyRequestKind.Access, Guid.NewGuid(), Guid.NewGuid(), null, "Menga maʼlumotlarimni yuboring",
            Received, Received.AddDays(21), Received.AddDays(18));

    [Fact]
    public void Assigning_puts_the_request_in_progress_with_its_staff_member()
    {
        var request = Request();
        var staff = Guid.NewGuid();

        request.AssignTo(staff);

        request.Status.ShouldBe(PrivacyRequestStatus.InProgress);
        request.AssignedToUserId.ShouldBe(staff);
        request.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void A_response_closes_the_request_and_the_same_response_again_changes_nothing()
    {
        var request = Request();

        request.Respond("  Eksport havolasi yuborildi.  ", Received.AddDays(2)).ShouldBeTrue();
        request.Respond("Eksport havolasi yuborildi.", Received.AddDays(3)).ShouldBeFalse();

        request.Status.ShouldBe(PrivacyRequestStatus.Answered);
        request.Answer.ShouldBe("Eksport havolasi yuborildi.");
        request.AnsweredAt.ShouldBe(Received.AddDays(2));
        request.IsOpen.ShouldBeFalse();
    }

    [Fact]
    public void A_closed_request_takes_no_other_answer_and_no_assignment()
    {
        var request = Request();
        request.Reject("Duplicate of an earlier request.", Received.AddDays(1));

        Should.Throw<DomainRuleViolationException>(() => request.Respond("Another answer", Received.AddDays(2)));
        Should.Throw<DomainRuleViolationException>(() => request.AssignTo(Guid.NewGuid()));
        request.Status.ShouldBe(PrivacyRequestStatus.Rejected);
        request.Answer.ShouldBe("Duplicate of an earlier request.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_answer_is_refused(string answer)
    {
        var request = Request();

        Should.Throw<DomainRuleViolationException>(() => request.Respond(answer, Received));
        request.IsOpen.ShouldBeTrue();
    }
}
