using VirtuOps.Domain.DemoRequests;

namespace Domain.UnitTests.DemoRequests;

public sealed class DemoRequestTests
{
    [Fact]
    public void Submitting_normalises_the_email_and_blank_optional_fields()
    {
        var request = DemoRequest.Submit(" Aziz Karimov ", " Aziz@Example.UZ ", " Oila Market ", "  ", "");

        request.FullName.ShouldBe("Aziz Karimov");
        request.Email.ShouldBe("aziz@example.uz");
        request.CompanyName.ShouldBe("Oila Market");
        request.PhoneNumber.ShouldBeNull();
        request.Message.ShouldBeNull();
    }

    [Fact]
    public void Submitting_raises_an_event_naming_the_request()
    {
        var request = DemoRequest.Submit("Aziz Karimov", "aziz@example.uz", "Oila Market", "+998901234567", "Telegram bot kerak");

        request.DomainEvents.ShouldHaveSingleItem()
            .ShouldBeOfType<DemoRequestSubmittedEvent>()
            .DemoRequestId.ShouldBe(request.Id);
    }

    [Fact]
    public void Cleared_events_are_not_published_twice()
    {
        var request = DemoRequest.Submit("Aziz Karimov", "aziz@example.uz", "Oila Market", null, null);

        request.ClearDomainEvents();

        request.DomainEvents.ShouldBeEmpty();
    }
}
