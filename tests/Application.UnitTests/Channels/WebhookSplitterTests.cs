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
    public void A_body_that_is_not_json_is_one_malformed_event_holding_its_bytes()
    {
        foreach (var (channel, body) in new[] { (Channel.WhatsApp, """{"object":"""), (Channel.Telegram, "update"), (Channel.Instagram, "") })
        {
            var kept = Split(channel, body).ShouldHaveSingleItem();
            (kept.Kind, kept.IgnoreReason).ShouldBe((InboundEventKind.Malformed, "Not JSON."));
            RawBytes(kept).ShouldBe(Encoding.UTF8.GetBytes(body));
            kept.ExternalId.ShouldBe(Split(channel, body).Single().ExternalId);
        }
    }

    [Fact]
    public void A_part_with_text_that_cannot_be_decoded_is_kept_as_its_bytes_and_the_rest_of_the_batch_is_split()
    {
        var badMessage = Utf8WithBytes("""{"from":"1","id":"wamid.BAD","type":"text","text":{"body":"a~b"}}""", 0xC3, 0x28);
        var badStatus = Encoding.UTF8.GetBytes("""{"id":"wamid.X","status":"read","note":"\udc00"}""");
        var body = Splice(Splice("""
            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"106540352242922"},
            "messages":[@message,{"from":"1","id":"wamid.GOOD","type":"text","text":{"body":"\ud83d\ude00 Salom"}}],"statuses":[@status]}}]}]}
            """, "@message", badMessage), "@status", badStatus);

        var events = WebhookSplitter.Split(Channel.WhatsApp, PhoneNumberId, body);

        events.Select(e => (e.Kind, e.IgnoreReason)).ShouldBe([
            (InboundEventKind.Malformed, "Text that is not valid UTF-8 or holds a lone surrogate."),
            (InboundEventKind.Message, null),
            (InboundEventKind.Malformed, "Text that is not valid UTF-8 or holds a lone surrogate."),
        ]);
        RawBytes(events[0]).ShouldBe(badMessage);
        RawBytes(events[2]).ShouldBe(badStatus);
        System.Text.Json.JsonDocument.Parse(events[1].Payload).RootElement.GetProperty("messages")[0].GetProperty("text").GetProperty("body").GetString()
            .ShouldBe("😀 Salom");
    }

    [Fact]
    public void Undecodable_text_in_a_batchs_shared_context_or_a_whole_update_keeps_that_whole_part()
    {
        var badContact = Utf8WithBytes("""
            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"106540352242922"},
            "contacts":[{"profile":{"name":"~"},"wa_id":"1"}],"messages":[{"from":"1","id":"wamid.A","type":"text","text":{"body":"a"}}]}}]},
            {"id":"1","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"106540352242922"},"messages":[{"from":"1","id":"wamid.B","type":"text","text":{"body":"b"}}]}}]}]}
            """, 0xFF);
        var telegram = Utf8WithBytes("""{"update_id":7,"message":{"message_id":7,"chat":{"id":1,"type":"private"},"text":"~"}}""", 0xE2, 0x82);
        var badObject = Utf8WithBytes("""{"object":"instagram~","entry":[]}""", 0x80);

        WebhookSplitter.Split(Channel.WhatsApp, PhoneNumberId, badContact).Select(e => (e.Kind, e.ExternalId.StartsWith("sha256:", StringComparison.Ordinal) ? "hash" : e.ExternalId))
            .ShouldBe([(InboundEventKind.Malformed, "hash"), (InboundEventKind.Message, "wamid.B")]);
        RawBytes(WebhookSplitter.Split(Channel.Telegram, TelegramBotId, telegram).ShouldHaveSingleItem()).ShouldBe(telegram);
        RawBytes(WebhookSplitter.Split(Channel.Instagram, InstagramId, badObject).ShouldHaveSingleItem()).ShouldBe(badObject);
    }

    private const string TelegramBotId = "7012345678";

    private static byte[] RawBytes(WebhookEvent malformed) =>
        Convert.FromBase64String(System.Text.Json.JsonDocument.Parse(malformed.Payload).RootElement.GetProperty("base64").GetString()!);

    /// <summary>The JSON's UTF-8 with <paramref name="bytes"/> in place of its <c>~</c>.</summary>
    private static byte[] Utf8WithBytes(string json, params byte[] bytes) => Splice(json, "~", bytes);

    private static byte[] Splice(string json, string marker, byte[] bytes) => Splice(Encoding.UTF8.GetBytes(json), marker, bytes);

    private static byte[] Splice(byte[] json, string marker, byte[] bytes)
    {
        var at = json.AsSpan().IndexOf(Encoding.UTF8.GetBytes(marker));
        return [.. json[..at], .. bytes, .. json[(at + marker.Length)..]];
    }
}
