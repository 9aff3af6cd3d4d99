using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
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
/// keyed by a hash of its JSON (so a redelivery is still recognised), never dropped silently. A part that cannot be
/// read (text that is not UTF-8 or holds a lone surrogate escape) becomes a Malformed event holding its exact bytes,
/// and the rest of the batch is kept; a body that is not JSON at all is one Malformed event.
/// </summary>
public static class WebhookSplitter
{
    private const string Undecodable = "Text that is not valid UTF-8 or holds a lone surrogate.";

    public static IReadOnlyList<WebhookEvent> Split(Channel channel, string accountId, byte[] body)
    {
        try
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
        catch (JsonException)
        {
            return [Malformed(body, "Not JSON.")];
        }
    }

    // One update per call, stored as it came.
    private static WebhookEvent Telegram(byte[] body)
    {
        using var update = JsonDocument.Parse(body);
        if (!Readable(update.RootElement))
            return Malformed(body, Undecodable);
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

        // The context every event of this change carries: when it cannot be read, neither can they.
        if (!Readable(metadata) || (value.TryGetProperty("contacts", out var context) && !Readable(context)))
        {
            yield return Malformed(change, Undecodable);
            yield break;
        }

        var hasMessages = TryArray(value, "messages", out var messages);
        var hasStatuses = TryArray(value, "statuses", out var statuses);
        if (!hasMessages && !hasStatuses)
            yield return Unsupported(change, "A WhatsApp change with neither messages nor statuses.");

        foreach (var message in hasMessages ? messages.EnumerateArray().ToList() : [])
        {
            if (!Readable(message))
            {
                yield return Malformed(message, Undecodable);
                continue;
            }

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
            if (!Readable(status))
            {
                yield return Malformed(status, Undecodable);
                continue;
            }

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
                if (!Readable(item))
                {
                    yield return Malformed(item, Undecodable);
                    continue;
                }

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

    // A value whose text cannot be decoded reads as missing: the part holding it then goes to Unsupported, kept as its bytes.
    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => Readable(value) ? value.GetString() : null,
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
        if (!Readable(element))
            return Malformed(element, Undecodable);
        var json = element.GetRawText();
        return new WebhookEvent(Sha256(json), InboundEventKind.Unsupported, json, reason);
    }

    /// <summary>
    /// Whether the element's text can be decoded. System.Text.Json parses bytes that are not UTF-8 and escaped lone
    /// surrogates (<c>\ud800</c>) but throws when it turns them into a string (or quietly writes U+FFFD for the
    /// bytes): such a part is kept as its bytes instead.
    /// </summary>
    private static bool Readable(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Undefined)
            return true;
        var raw = JsonMarshal.GetRawUtf8Value(element);
        return Utf8.IsValid(raw) && !HasLoneSurrogateEscape(raw);
    }

    // The parser has checked that every escape is well formed; an escaped high surrogate must be followed at once by an
    // escaped low one, and a low one must follow a high one.
    private static bool HasLoneSurrogateEscape(ReadOnlySpan<byte> json)
    {
        var expectLow = false;
        var i = json.IndexOf((byte)'\\');
        while (i >= 0)
        {
            if (json[i + 1] != (byte)'u')
            {
                if (expectLow)
                    return true;
                i += 2;
            }
            else
            {
                var unit = (char)ushort.Parse(json.Slice(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                if (char.IsLowSurrogate(unit) != expectLow)
                    return true;
                expectLow = char.IsHighSurrogate(unit);
                i += 6;
            }

            if (expectLow)
            {
                if (i >= json.Length || json[i] != (byte)'\\')
                    return true;
                continue;
            }

            var next = json[i..].IndexOf((byte)'\\');
            i = next < 0 ? -1 : i + next;
        }

        return expectLow;
    }

    private static WebhookEvent Malformed(JsonElement element, string reason) => Malformed(JsonMarshal.GetRawUtf8Value(element), reason);

    /// <summary>The exact bytes in base64, keyed by their hash (a redelivery is still recognised).</summary>
    private static WebhookEvent Malformed(ReadOnlySpan<byte> part, string reason) =>
        new("sha256:" + Convert.ToHexStringLower(SHA256.HashData(part)), InboundEventKind.Malformed,
            $$"""{"base64":"{{Convert.ToBase64String(part)}}"}""", reason);

    // Provider ids fit the column; anything longer is hashed rather than cut, so it stays unique.
    private static string Key(string id) =>
        id.Length <= InboundEvent.ExternalIdMaxLength ? id : Sha256(id);
}
