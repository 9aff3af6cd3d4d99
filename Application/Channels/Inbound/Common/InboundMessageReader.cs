using System.Globalization;
using System.Text.Json.Nodes;
using VirtuOps.Domain.Conversations;
using static VirtuOps.Application.Channels.Inbound.Common.InboundJson;

namespace VirtuOps.Application.Channels.Inbound.Common;

/// <summary>
/// A customer's message read from a stored event. <see cref="Question"/> is what the bot answers: the text or a
/// button's title; null for content meant for a person (a photo, a location, a contact, an edit).
/// </summary>
public sealed record InboundMessage(string ContactId, string ContactName, MessageContent Content, string? ExternalMessageId, string? Question);

/// <summary>A delivery status callback for one of our messages.</summary>
public sealed record StatusReport(string ExternalMessageId, DeliveryStatus Status, string? Error);

/// <summary>Maps each channel's message shapes onto <see cref="MessageContent"/>; media stays the provider's reference.</summary>
public static class InboundMessageReader
{
    /// <summary>Null when the event holds no customer message.</summary>
    public static InboundMessage? ReadMessage(Channel channel, string payload)
    {
        var root = JsonNode.Parse(payload);
        return channel switch
        {
            Channel.Telegram => Telegram(root),
            Channel.WhatsApp => WhatsApp(root),
            Channel.Instagram => Instagram(root),
            _ => null,
        };
    }

    /// <summary>Null when the status is not one we track (e.g. WhatsApp's "deleted").</summary>
    public static StatusReport? ReadStatus(string payload)
    {
        var status = JsonNode.Parse(payload)?["statuses"]?[0];
        if (Str(status?["id"]) is not { } id)
            return null;
        DeliveryStatus? state = Str(status!["status"]) switch
        {
            "sent" => DeliveryStatus.Sent,
            "delivered" => DeliveryStatus.Delivered,
            "read" => DeliveryStatus.Read,
            "failed" => DeliveryStatus.Failed,
            _ => null,
        };
        if (state is null)
            return null;
        var error = status["errors"]?[0];
        var description = error is null ? null : $"{Str(error["title"]) ?? Str(error["message"]) ?? "Failed"} ({Id(error["code"])})";
        return new StatusReport(id, state.Value, description);
    }

    private static InboundMessage? Telegram(JsonNode? update)
    {
        if (update?["callback_query"] is JsonObject callback)
        {
            // A press on one of our inline buttons: the data is the button's id.
            var from = callback["from"];
            var chatId = Id(callback["message"]?["chat"]?["id"]) ?? Id(from?["id"]);
            var data = Str(callback["data"]) ?? string.Empty;
            return chatId is null ? null
                : new InboundMessage(chatId, PersonName(from) ?? chatId, Content(MessageContentType.Interactive, data, ("id", data)), Id(callback["id"]), data);
        }

        var edited = update?["message"] is null;
        var message = update?["message"] ?? update?["edited_message"];
        if (Id(message?["chat"]?["id"]) is not { } chat)
            return null;
        var content = TelegramContent(message!);
        // An edit is shown, but the bot already answered the original.
        var question = !edited && content.Type == MessageContentType.Text ? content.Text : null;
        return new InboundMessage(chat, PersonName(message!["chat"]) ?? PersonName(message["from"]) ?? chat, content, Id(message["message_id"]), question);
    }

    private static MessageContent TelegramContent(JsonNode message)
    {
        var caption = Str(message["caption"]) ?? string.Empty;
        if (Str(message["text"]) is { } text)
            return Content(MessageContentType.Text, text);
        if (message["photo"] is JsonArray { Count: > 0 } sizes)
            return Content(MessageContentType.Image, caption, ("fileId", sizes[^1]!["file_id"])); // sizes come smallest first
        if (message["document"] is { } document)
            return Content(MessageContentType.Document, caption, ("fileId", document["file_id"]), ("fileName", document["file_name"]), ("mimeType", document["mime_type"]));
        if (message["voice"] is { } voice)
            return Content(MessageContentType.Voice, caption, ("fileId", voice["file_id"]), ("mimeType", voice["mime_type"]), ("duration", voice["duration"]));
        if (message["audio"] is { } audio)
            return Content(MessageContentType.Audio, caption, ("fileId", audio["file_id"]), ("fileName", audio["file_name"]), ("mimeType", audio["mime_type"]));
        if (message["video"] is { } video)
            return Content(MessageContentType.Video, caption, ("fileId", video["file_id"]), ("mimeType", video["mime_type"]));
        if (message["sticker"] is { } sticker)
            return Content(MessageContentType.Sticker, Str(sticker["emoji"]) ?? string.Empty, ("fileId", sticker["file_id"]));
        if (message["location"] is { } location)
            return Location(Number(location["latitude"]), Number(location["longitude"]), null);
        if (message["contact"] is { } contact)
            return SharedContact(PersonName(contact), Str(contact["phone_number"]));
        return Content(MessageContentType.Unsupported, caption);
    }

    private static InboundMessage? WhatsApp(JsonNode? value)
    {
        var message = value?["messages"]?[0];
        if (Str(message?["from"]) is not { } from)
            return null;
        var name = Str(value!["contacts"]?[0]?["profile"]?["name"]) ?? from;
        var type = Str(message!["type"]);
        var content = type switch
        {
            "text" => Content(MessageContentType.Text, Str(message["text"]?["body"]) ?? string.Empty),
            "image" => WhatsAppMedia(MessageContentType.Image, message["image"]),
            "video" => WhatsAppMedia(MessageContentType.Video, message["video"]),
            "document" => WhatsAppMedia(MessageContentType.Document, message["document"]),
            "sticker" => WhatsAppMedia(MessageContentType.Sticker, message["sticker"]),
            "audio" => WhatsAppMedia(IsTrue(message["audio"]?["voice"]) ? MessageContentType.Voice : MessageContentType.Audio, message["audio"]),
            "location" => Location(Number(message["location"]?["latitude"]), Number(message["location"]?["longitude"]),
                Str(message["location"]?["name"]) ?? Str(message["location"]?["address"])),
            "contacts" => SharedContact(Str(message["contacts"]?[0]?["name"]?["formatted_name"]), Str(message["contacts"]?[0]?["phones"]?[0]?["phone"])),
            "interactive" => Reply(message["interactive"]?["button_reply"] ?? message["interactive"]?["list_reply"], "id", "title"),
            "button" => Reply(message["button"], "payload", "text"),
            _ => Content(MessageContentType.Unsupported, string.Empty, ("type", type)),
        };
        return new InboundMessage(from, name, content, Str(message["id"]), Question(content));
    }

    private static InboundMessage? Instagram(JsonNode? item)
    {
        var message = item?["message"];
        if (Id(item?["sender"]?["id"]) is not { } sender || message is null)
            return null;
        var text = Str(message["text"]) ?? string.Empty;
        MessageContent content;
        if (message["quick_reply"] is { } quickReply)
            content = Content(MessageContentType.Interactive, text, ("id", quickReply["payload"]), ("title", text));
        else if (message["attachments"]?[0] is { } attachment)
        {
            var type = Str(attachment["type"]);
            var contentType = type switch
            {
                "image" => MessageContentType.Image,
                "video" => MessageContentType.Video,
                "audio" => MessageContentType.Audio,
                "file" => MessageContentType.Document,
                _ => MessageContentType.Unsupported,
            };
            content = Content(contentType, text, ("type", type), ("url", attachment["payload"]?["url"]));
        }
        else
            content = Content(MessageContentType.Text, text);
        // Instagram gives no name in the webhook; the scoped id is what we have.
        return new InboundMessage(sender, sender, content, Str(message["mid"]), Question(content));
    }

    private static MessageContent WhatsAppMedia(MessageContentType type, JsonNode? media) =>
        Content(type, Str(media?["caption"]) ?? string.Empty, ("mediaId", media?["id"]), ("mimeType", media?["mime_type"]), ("fileName", media?["filename"]));

    private static MessageContent Reply(JsonNode? reply, string idField, string titleField)
    {
        var title = Str(reply?[titleField]) ?? string.Empty;
        return Content(MessageContentType.Interactive, title, ("id", reply?[idField]), ("title", title));
    }

    private static MessageContent Location(double? latitude, double? longitude, string? name)
    {
        var coordinates = string.Create(CultureInfo.InvariantCulture, $"{latitude}, {longitude}");
        return Content(MessageContentType.Location, name ?? coordinates, ("latitude", latitude), ("longitude", longitude));
    }

    private static MessageContent SharedContact(string? name, string? phone) =>
        Content(MessageContentType.Contact, name ?? phone ?? string.Empty, ("name", name), ("phone", phone));

    private static string? Question(MessageContent content) =>
        content.Type is MessageContentType.Text or MessageContentType.Interactive && content.Text.Length > 0 ? content.Text : null;

    private static string? PersonName(JsonNode? person)
    {
        var name = string.Join(' ', new[] { Str(person?["first_name"]), Str(person?["last_name"]) }.Where(n => !string.IsNullOrWhiteSpace(n)));
        return name.Length > 0 ? name : Str(person?["username"]);
    }

    private static MessageContent Content(MessageContentType type, string text, params (string Name, JsonNode? Value)[] data)
    {
        var json = data.Any(d => d.Value is not null) ? Compose(data) : null;
        // Limits of the message columns: a 4096-character Telegram text is cut, oversized detail is left to the stored event.
        return new MessageContent(type,
            text.Length <= Message.TextMaxLength ? text : text[..Message.TextMaxLength],
            json is { Length: <= MessageContent.DataMaxLength } ? json : null);
    }
}
