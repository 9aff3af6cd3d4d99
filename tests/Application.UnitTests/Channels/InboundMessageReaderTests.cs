using VirtuOps.Application.Channels.Inbound.Common;
using VirtuOps.Domain.Conversations;

namespace Application.UnitTests.Channels;

public sealed class InboundMessageReaderTests
{
    private static InboundMessage Telegram(string message) =>
        InboundMessageReader.ReadMessage(Channel.Telegram, $$$"""{"update_id":1,"message":{"message_id":7,"chat":{"id":5012345678,"first_name":"Dilnoza","type":"private"},{{{message}}}}}""")!;

    private static InboundMessage WhatsApp(string message) =>
        InboundMessageReader.ReadMessage(Channel.WhatsApp, $$$"""{"metadata":{},"contacts":[{"profile":{"name":"Aziz"},"wa_id":"998901112233"}],"messages":[{"from":"998901112233","id":"wamid.X",{{{message}}}}]}""")!;

    [Fact]
    public void Telegram_media_keeps_the_largest_photo_and_the_caption_and_the_bot_answers_only_text()
    {
        var photo = Telegram(""" "photo":[{"file_id":"small","width":90},{"file_id":"large","width":1280}],"caption":"Narxi?" """);
        (photo.Content.Type, photo.Content.Text, photo.Content.Data, photo.Question).ShouldBe((MessageContentType.Image, "Narxi?", """{"fileId":"large"}""", null));

        var location = Telegram(""" "location":{"latitude":41.311081,"longitude":69.240562} """);
        (location.Content.Type, location.Content.Text).ShouldBe((MessageContentType.Location, "41.311081, 69.240562"));
        location.Content.Data.ShouldBe("""{"latitude":41.311081,"longitude":69.240562}""");

        var voice = Telegram(""" "voice":{"file_id":"v1","mime_type":"audio/ogg","duration":3} """);
        (voice.Content.Type, voice.Content.Data).ShouldBe((MessageContentType.Voice, """{"fileId":"v1","mimeType":"audio/ogg","duration":3}"""));

        var text = Telegram(""" "text":"Salom" """);
        (text.ContactId, text.ContactName, text.ExternalMessageId, text.Question).ShouldBe(("5012345678", "Dilnoza", "7", "Salom"));
    }

    [Fact]
    public void A_telegram_edit_is_shown_without_a_second_answer_and_a_button_press_is_interactive()
    {
        var edit = InboundMessageReader.ReadMessage(Channel.Telegram,
            """{"update_id":2,"edited_message":{"message_id":7,"chat":{"id":1,"type":"private"},"from":{"id":1,"first_name":"Ali"},"text":"Salom!"}}""")!;
        (edit.Content.Text, edit.Question, edit.ContactName).ShouldBe(("Salom!", null, "Ali"));

        var press = InboundMessageReader.ReadMessage(Channel.Telegram,
            """{"update_id":3,"callback_query":{"id":"cb1","from":{"id":1,"first_name":"Ali"},"message":{"message_id":8,"chat":{"id":1}},"data":"prices"}}""")!;
        (press.Content.Type, press.Content.Text, press.Question, press.ExternalMessageId).ShouldBe((MessageContentType.Interactive, "prices", "prices", "cb1"));
    }

    [Fact]
    public void Whatsapp_media_locations_contacts_and_replies_map_to_their_content()
    {
        var image = WhatsApp(""" "type":"image","image":{"id":"media-1","mime_type":"image/jpeg","caption":"Shu bormi?"} """);
        (image.Content.Type, image.Content.Text, image.Content.Data, image.Question)
            .ShouldBe((MessageContentType.Image, "Shu bormi?", """{"mediaId":"media-1","mimeType":"image/jpeg"}""", null));

        WhatsApp(""" "type":"audio","audio":{"id":"a1","mime_type":"audio/ogg","voice":true} """).Content.Type.ShouldBe(MessageContentType.Voice);
        WhatsApp(""" "type":"location","location":{"latitude":41.3,"longitude":69.2,"name":"Chorsu"} """).Content.Text.ShouldBe("Chorsu");

        var contact = WhatsApp(""" "type":"contacts","contacts":[{"name":{"formatted_name":"Lola"},"phones":[{"phone":"+998901234567"}]}] """);
        (contact.Content.Type, contact.Content.Data).ShouldBe((MessageContentType.Contact, """{"name":"Lola","phone":"+998901234567"}"""));

        var list = WhatsApp(""" "type":"interactive","interactive":{"type":"list_reply","list_reply":{"id":"hours","title":"Ish vaqti"}} """);
        (list.Content.Type, list.Question).ShouldBe((MessageContentType.Interactive, "Ish vaqti"));
        var button = WhatsApp(""" "type":"button","button":{"payload":"yes","text":"Ha"} """);
        (button.Content.Text, button.Content.Data).ShouldBe(("Ha", """{"id":"yes","title":"Ha"}"""));

        var reaction = WhatsApp(""" "type":"reaction","reaction":{"emoji":"👍"} """);
        (reaction.Content.Type, reaction.Question, reaction.ContactName).ShouldBe((MessageContentType.Unsupported, null, "Aziz"));
    }

    [Fact]
    public void Instagram_attachments_and_quick_replies_map_to_their_content()
    {
        var attachment = InboundMessageReader.ReadMessage(Channel.Instagram,
            """{"sender":{"id":"654"},"message":{"mid":"m1","attachments":[{"type":"image","payload":{"url":"https://cdn.example/1.jpg"}}]}}""")!;
        (attachment.Content.Type, attachment.Content.Data, attachment.ContactId).ShouldBe((MessageContentType.Image, """{"type":"image","url":"https://cdn.example/1.jpg"}""", "654"));

        var quickReply = InboundMessageReader.ReadMessage(Channel.Instagram,
            """{"sender":{"id":"654"},"message":{"mid":"m2","text":"Operator","quick_reply":{"payload":"HUMAN"}}}""")!;
        (quickReply.Content.Type, quickReply.Content.Data, quickReply.Question).ShouldBe((MessageContentType.Interactive, """{"id":"HUMAN","title":"Operator"}""", "Operator"));
    }

    [Fact]
    public void A_failed_status_keeps_the_providers_error_and_an_unknown_status_is_not_tracked()
    {
        var failed = InboundMessageReader.ReadStatus("""{"statuses":[{"id":"wamid.1","status":"failed","errors":[{"code":131047,"title":"Re-engagement message"}]}]}""")!;
        (failed.ExternalMessageId, failed.Status, failed.Error).ShouldBe(("wamid.1", DeliveryStatus.Failed, "Re-engagement message (131047)"));
        InboundMessageReader.ReadStatus("""{"statuses":[{"id":"wamid.1","status":"deleted"}]}""").ShouldBeNull();
    }
}
