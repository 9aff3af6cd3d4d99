using VirtuOps.Domain.Exceptions;
using VirtuOps.Domain.Sms;

namespace Domain.UnitTests.Sms;

public sealed class SmsDeliveryTests
{
    private static readonly DateTimeOffset Sent = new(2026, 11, 27, 14, 5, 0, TimeSpan.FromHours(5));

    [Theory]
    [InlineData("998901234567", "****4567")]
    [InlineData("+998 90 123-45-67", "****4567")]
    [InlineData("12", "****")]
    public void Only_the_last_four_digits_of_the_phone_number_are_kept(string phoneNumber, string stored)
    {
        SmsDelivery.Record("msg-1", phoneNumber, "WAITING", Sent).PhoneNumber.ShouldBe(stored);
    }

    [Fact]
    public void A_newer_report_replaces_the_status()
    {
        var delivery = SmsDelivery.Record("msg-1", "998901234567", "TRANSMTD", Sent);

        delivery.Report("delivrd", Sent.AddSeconds(4));

        delivery.Status.ShouldBe("DELIVRD");
        delivery.StatusAt.ShouldBe(Sent.AddSeconds(4));
    }

    [Fact]
    public void An_older_or_replayed_report_changes_nothing()
    {
        var delivery = SmsDelivery.Record("msg-1", "998901234567", "DELIVRD", Sent);

        delivery.Report("TRANSMTD", Sent.AddSeconds(-30));
        delivery.Report("UNDELIV", Sent);

        delivery.Status.ShouldBe("DELIVRD");
        delivery.StatusAt.ShouldBe(Sent);
    }

    [Theory]
    [InlineData("", "DELIVRD")]
    [InlineData("msg-1", " ")]
    public void A_delivery_needs_a_message_id_and_a_status(string providerMessageId, string status)
    {
        Should.Throw<DomainRuleViolationException>(() => SmsDelivery.Record(providerMessageId, "998901234567", status, Sent));
    }
}
