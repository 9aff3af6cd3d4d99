using System.Text;
using VirtuOps.Application.Channels.Inbound.Common;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;

namespace Application.UnitTests.Channels;

public sealed class WebhookSplitterTests
{
    private const string PhoneNumberId = "106540352242922";
    private const string InstagramId = "17841400000000001";

    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Channels", "Fixtures", name));

    private static IReadOnlyList<WebhookEvent> Split(Channel channel, string json, string accountId = PhoneNumberId) =>
        WebhookSplitter.Split(channel, accountId, Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("telegram_update_text.json", Channel.Telegram, "817364501", InboundEventKind.Message)]
    [InlineData("telegram_update_contact.json", Channel.Telegram, "817364503", InboundEventKind.Message)]
    [InlineData("whatsapp_text_message.json", Channel.WhatsApp, "wamid.HBgMOTk4OTAxMTEyMjMzFQIAEhggQjVBRjk0QkQ2MjQ1RjY2QjlEAA==", InboundEventKind.Message)]
    [InlineData("whatsapp_status_delivered.json", Channel.WhatsApp, "status:wamid.HBgMOTk4OTAxMTEyMjMzFQIAERgSQTFCMkMzRDRFNUY2QTdCOEM5AA==:delivered", InboundEventKind.Status)]
    [InlineData("instagram_message.json", Channel.Instagram, "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMDAwMDAwMDAxOjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI1OTc", InboundEventKind.Message)]
    public void Each_fixture_is_one_event_keyed_by_the_providers_id(string fixture, Channel channel, string externalId, InboundEventKind kind)
    {
        var events = WebhookSplitter.Split(channel, channel == Channel.Instagram ? InstagramId : PhoneNumberId, Fixture(fixture));

        var single = events.ShouldHaveSingleItem();
        (single.ExternalId, single.Kind, single.IgnoreReason).ShouldBe((externalId, kind, null));
    }

    [Fact]
    public void A_whatsapp_message_carries_its_senders_contact_and_nothing_of_the_other_messages()
    {
        var events = Split(Channel.WhatsApp, """
            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"106540352242922"},
            "contacts":[{"profile":{"name":"Aziz"},"wa_id":"111"},{"profile":{"name":"Лола"},"wa_id":"222"}],
            "messages":[{"from":"111","id":"wamid.A","type":"text","text":{"body":"a"}},{"from":"222","id":"wamid.B","type":"text","text":{"body":"б"}}]}}]}]}
            """);

        events.Select(e => e.ExternalId).ShouldBe(["wamid.A", "wamid.B"]);
        events[1].Payload.ShouldBe("""{"metadata":{"phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Лола"},"wa_id":"222"}],"messages":[{"from":"222","id":"wamid.B","type":"text","text":{"body":"б"}}]}""");
    }

    [Fact]
    public void Shapes_we_do_not_handle_are_kept_as_unsupported_with_a_stable_key_and_a_reason()
    {
        var accountUpdate = """{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"account_update","value":{}}]}]}""";
        var otherNumber = """{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"999"},"messages":[]}}]}]}""";

        var first = Split(Channel.WhatsApp, accountUpdate).ShouldHaveSingleItem();
        var again = Split(Channel.WhatsApp, accountUpdate).ShouldHaveSingleItem();
        first.Kind.ShouldBe(InboundEventKind.Unsupported);
        first.ExternalId.ShouldStartWith("sha256:");
        again.ExternalId.ShouldBe(first.ExternalId);
        first.IgnoreReason.ShouldBe("The WhatsApp field 'account_update' is not handled.");
        Split(Channel.WhatsApp, otherNumber).ShouldHaveSingleItem().IgnoreReason.ShouldBe("Addressed to phone number id '999', not this connection's.");
        Split(Channel.WhatsApp, "[]").ShouldHaveSingleItem().Kind.ShouldBe(InboundEventKind.Unsupported);
        Split(Channel.Telegram, """{"update_id":5,"my_chat_member":{}}""").ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.ExternalId.ShouldBe("5"), e => e.Kind.ShouldBe(InboundEventKind.Unsupported));
        Split(Channel.Instagram, """{"object":"instagram","entry":[{"id":"42","messaging":[]}]}""", InstagramId).ShouldHaveSingleItem()
            .IgnoreReason.ShouldBe("Addressed to Instagram account '42', not this connection's.");
    }

    [Fact]
    public void An_instagram_echo_of_our_own_message_is_stored_to_be_ignored_and_a_read_receipt_is_unsupported()
    {
        var events = Split(Channel.Instagram, """
            {"object":"instagram","entry":[{"id":"17841400000000001","messaging":[
            {"sender":{"id":"17841400000000001"},"recipient":{"id":"1"},"message":{"mid":"m.echo","text":"hi","is_echo":true}},
            {"sender":{"id":"1"},"recipient":{"id":"17841400000000001"},"read":{"mid":"m.echo"}}]}]}
            """, InstagramId);

        events.Select(e => (e.Kind, e.IgnoreReason)).ShouldBe([
            (InboundEventKind.Message, "An echo of a message we sent."),
            (InboundEventKind.Unsupported, "An Instagram event other than a message (read, reaction, postback...)."),
        ]);
        events[0].ExternalId.ShouldBe("m.echo");
    }

    [Fact]
    public void A_body_that_is_not_json_is_refused()
    {
        Should.Throw<System.Text.Json.JsonException>(() => Split(Channel.WhatsApp, """{"object":"""));
        Should.Throw<System.Text.Json.JsonException>(() => Split(Channel.Telegram, "update"));
    }
}
