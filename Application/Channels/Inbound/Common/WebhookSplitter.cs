using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;
using static VirtuOps.Application.Channels.Inbound.Common.InboundJson;

namespace VirtuOps.Application.Channels.Inbound.Common;

/// <summary>
/// One provider event cut out of a webhook body: its de-duplication key, kind and JSON (the event with the context
/// needed to process it). <see cref="IgnoreReason"/> is set for events stored only for inspection.
/// </summary>
public sealed record WebhookEvent(string ExternalId, InboundEventKind Kind, string Payload, string? IgnoreReason = null);

/// <summary>
/// Splits a verified webhook body into events. Anything of a shape we do not handle becomes an Unsupported event
/// keyed by a hash of its JSON (so a redelivery is still recognised), never dropped silently.
/// </summary>
public static class WebhookSplitter
{
    /// <summary>Throws <see cref="System.Text.Json.JsonException"/> when the body is not JSON.</summary>
    public static IReadOnlyList<WebhookEvent> Split(Channel channel, string accountId, byte[] body)
    {
        if (channel == Channel.Telegram)
            return [Telegram(body)];
        // Read-only documents and raw copies of the parts: the cheapest way through JSON on the acknowledgement path.
        using var document = JsonDocument.Parse(body);
        return channel switch
        {
            Channel.WhatsApp => WhatsApp(document.RootElement, accountId).ToList(),
            Channel.Instagram => Instagram(document.RootElement, accountId).ToList(),
            _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "This channel has no webhooks."),
        };
    }

    // One update per call, stored as it came.
    private static WebhookEvent Telegram(byte[] body)
    {
        using var update = JsonDocument.Parse(body);
        var root = update.RootElement;
        var raw = Encoding.UTF8.GetString(body);
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("update_id", out var id) || id.ValueKind != JsonValueKind.Number)
            return new WebhookEvent(Sha256(raw), InboundEventKind.Unsupported, raw, "Not a Telegram update.");
        var updateId = id.GetRawText();
        return root.TryGetProperty("message", out _) || root.TryGetProperty("edited_message", out _) || root.TryGetProperty("callback_query", out _)
            ? new WebhookEvent(Key(updateId), InboundEventKind.Message, raw)
            : new WebhookEvent(Key(updateId), InboundEventKind.Unsupported, raw, "A Telegram update of a kind we do not handle.");
    }

    private static IEnumerable<WebhookEvent> WhatsApp(JsonElement root, string accountId)
    {
        if (Text(root, "object") != "whatsapp_business_account" || !TryArray(root, "entry", out var entries))
        {
            yield return Unsupported(root, "Not a WhatsApp Business webhook.");
            yield break;
        }

        foreach (var entry in entries.EnumerateArray())
        {
            if (!TryArray(entry, "changes", out var changes))
            {
                yield return Unsupported(entry, "A WhatsApp entry without changes.");
                continue;
            }

            foreach (var change in changes.EnumerateArray())
            {
                foreach (var wevent in WhatsAppChange(change, accountId))
                    yield return wevent;
            }
        }
    }

    private static IEnumerable<WebhookEvent> WhatsAppChange(JsonElement change, string accountId)
    {
        var field = Text(change, "field");
        if (field != "messages" || !change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
        {
            yield return Unsupported(change, $"The WhatsApp field '{field}' is not handled.");
            yield break;
        }

        value.TryGetProperty("metadata", out var metadata);
        var phoneNumberId = metadata.ValueKind == JsonValueKind.Object ? Text(metadata, "phone_number_id") : null;
        if (phoneNumberId != accountId)
        {
            yield return Unsupported(change, $"Addressed to phone number id '{phoneNumberId}', not this connection's.");
            yield break;
        }

        var hasMessages = TryArray(value, "messages", out var messages);
        var hasStatuses = TryArray(value, "statuses", out var statuses);
        if (!hasMessages && !hasStatuses)
            yield return Unsupported(change, "A WhatsApp change with neither messages nor statuses.");

        foreach (var message in hasMessages ? messages.EnumerateArray().ToList() : [])
        {
            if (Text(message, "id") is not { } wamid)
            {
                yield return Unsupported(message, "A WhatsApp message without an id.");
                continue;
            }

            // The sender's profile name travels with the message it belongs to.
            var from = Text(message, "from");
            JsonElement? contact = TryArray(value, "contacts", out var contacts)
                ? contacts.EnumerateArray().Where(c => Text(c, "wa_id") == from).Select(c => (JsonElement?)c).FirstOrDefault()
                : null;
            yield return new WebhookEvent(Key(wamid), InboundEventKind.Message, Payload(metadata, contact, "messages", message));
        }

        foreach (var status in hasStatuses ? statuses.EnumerateArray().ToList() : [])
        {
            if (Text(status, "id") is not { } id || Text(status, "status") is not { } state)
            {
                yield return Unsupported(status, "A WhatsApp status without an id or a status.");
                continue;
            }

            yield return new WebhookEvent(Key($"status:{id}:{state}"), InboundEventKind.Status, Payload(metadata, null, "statuses", status));
        }
    }

    private static IEnumerable<WebhookEvent> Instagram(JsonElement root, string accountId)
    {
        if (Text(root, "object") != "instagram" || !TryArray(root, "entry", out var entries))
        {
            yield return Unsupported(root, "Not an Instagram messaging webhook.");
            yield break;
        }

        foreach (var entry in entries.EnumerateArray())
        {
            var entryId = Text(entry, "id");
            if (entryId != accountId)
            {
                yield return Unsupported(entry, $"Addressed to Instagram account '{entryId}', not this connection's.");
                continue;
            }

            if (!TryArray(entry, "messaging", out var messaging))
            {
                yield return Unsupported(entry, "An Instagram entry without messaging events.");
                continue;
            }

            foreach (var item in messaging.EnumerateArray())
            {
                var message = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("message", out var found) ? found : default;
                if (Text(message, "mid") is not { } mid)
                    yield return Unsupported(item, "An Instagram event other than a message (read, reaction, postback...).");
                else if (message.TryGetProperty("is_echo", out var echo) && echo.ValueKind == JsonValueKind.True)
                    yield return new WebhookEvent(Key(mid), InboundEventKind.Message, item.GetRawText(), "An echo of a message we sent.");
                else
                    yield return new WebhookEvent(Key(mid), InboundEventKind.Message, item.GetRawText());
            }
        }
    }

    /// <summary>One WhatsApp event in the shape of the webhook's <c>value</c>: its metadata, its sender's contact and the one item.</summary>
    private static string Payload(JsonElement metadata, JsonElement? contact, string arrayName, JsonElement item)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            if (metadata.ValueKind != JsonValueKind.Undefined)
            {
                writer.WritePropertyName("metadata");
                metadata.WriteTo(writer);
            }

            if (contact is { } sender)
            {
                writer.WriteStartArray("contacts");
                sender.WriteTo(writer);
                writer.WriteEndArray();
            }

            writer.WriteStartArray(arrayName);
            item.WriteTo(writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static bool TryArray(JsonElement element, string name, out JsonElement array)
    {
        array = default;
        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out array) && array.ValueKind == JsonValueKind.Array;
    }

    private static WebhookEvent Unsupported(JsonElement element, string reason)
    {
        var json = element.GetRawText();
        return new WebhookEvent(Sha256(json), InboundEventKind.Unsupported, json, reason);
    }

    // Provider ids fit the column; anything longer is hashed rather than cut, so it stays unique.
    private static string Key(string id) =>
        id.Length <= InboundEvent.ExternalIdMaxLength ? id : Sha256(id);
}
