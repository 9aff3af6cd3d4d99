using System.Text;
using System.Text.Json.Nodes;
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
        var root = JsonNode.Parse(body);
        return channel switch
        {
            Channel.Telegram => [Telegram(root, Encoding.UTF8.GetString(body))],
            Channel.WhatsApp => WhatsApp(root, accountId).ToList(),
            Channel.Instagram => Instagram(root, accountId).ToList(),
            _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "This channel has no webhooks."),
        };
    }

    private static WebhookEvent Telegram(JsonNode? update, string raw)
    {
        if (update is not JsonObject fields || Id(fields["update_id"]) is not { } updateId)
            return Unsupported(update, "Not a Telegram update.");
        return fields.ContainsKey("message") || fields.ContainsKey("edited_message") || fields.ContainsKey("callback_query")
            ? new WebhookEvent(Key(updateId), InboundEventKind.Message, raw)
            : new WebhookEvent(Key(updateId), InboundEventKind.Unsupported, raw, "A Telegram update of a kind we do not handle.");
    }

    private static IEnumerable<WebhookEvent> WhatsApp(JsonNode? root, string accountId)
    {
        if (Str(root?["object"]) != "whatsapp_business_account" || root?["entry"] is not JsonArray entries)
        {
            yield return Unsupported(root, "Not a WhatsApp Business webhook.");
            yield break;
        }

        foreach (var entry in entries)
        {
            if (entry?["changes"] is not JsonArray changes)
            {
                yield return Unsupported(entry, "A WhatsApp entry without changes.");
                continue;
            }

            foreach (var change in changes)
            {
                foreach (var wevent in WhatsAppChange(change, accountId))
                    yield return wevent;
            }
        }
    }

    private static IEnumerable<WebhookEvent> WhatsAppChange(JsonNode? change, string accountId)
    {
        var field = Str(change?["field"]);
        if (field != "messages" || change?["value"] is not JsonObject value)
        {
            yield return Unsupported(change, $"The WhatsApp field '{field}' is not handled.");
            yield break;
        }

        var metadata = value["metadata"];
        var phoneNumberId = Str(metadata?["phone_number_id"]);
        if (phoneNumberId != accountId)
        {
            yield return Unsupported(change, $"Addressed to phone number id '{phoneNumberId}', not this connection's.");
            yield break;
        }

        var messages = value["messages"] as JsonArray;
        var statuses = value["statuses"] as JsonArray;
        if (messages is null && statuses is null)
            yield return Unsupported(change, "A WhatsApp change with neither messages nor statuses.");

        var contacts = value["contacts"] as JsonArray ?? [];
        foreach (var message in messages ?? [])
        {
            if (Str(message?["id"]) is not { } wamid)
            {
                yield return Unsupported(message, "A WhatsApp message without an id.");
                continue;
            }

            // The sender's profile name travels with the message it belongs to.
            var contact = contacts.FirstOrDefault(c => Str(c?["wa_id"]) == Str(message!["from"]));
            var payload = new JsonObject
            {
                ["metadata"] = metadata?.DeepClone(),
                ["contacts"] = contact is null ? new JsonArray() : new JsonArray(contact.DeepClone()),
                ["messages"] = new JsonArray(message!.DeepClone()),
            };
            yield return new WebhookEvent(Key(wamid), InboundEventKind.Message, Write(payload));
        }

        foreach (var status in statuses ?? [])
        {
            if (Str(status?["id"]) is not { } id || Str(status!["status"]) is not { } state)
            {
                yield return Unsupported(status, "A WhatsApp status without an id or a status.");
                continue;
            }

            var payload = new JsonObject { ["metadata"] = metadata?.DeepClone(), ["statuses"] = new JsonArray(status.DeepClone()) };
            yield return new WebhookEvent(Key($"status:{id}:{state}"), InboundEventKind.Status, Write(payload));
        }
    }

    private static IEnumerable<WebhookEvent> Instagram(JsonNode? root, string accountId)
    {
        if (Str(root?["object"]) != "instagram" || root?["entry"] is not JsonArray entries)
        {
            yield return Unsupported(root, "Not an Instagram messaging webhook.");
            yield break;
        }

        foreach (var entry in entries)
        {
            var entryId = Id(entry?["id"]);
            if (entryId != accountId)
            {
                yield return Unsupported(entry, $"Addressed to Instagram account '{entryId}', not this connection's.");
                continue;
            }

            if (entry?["messaging"] is not JsonArray messaging)
            {
                yield return Unsupported(entry, "An Instagram entry without messaging events.");
                continue;
            }

            foreach (var item in messaging)
            {
                var message = item?["message"];
                if (Str(message?["mid"]) is not { } mid)
                    yield return Unsupported(item, "An Instagram event other than a message (read, reaction, postback...).");
                else if (IsTrue(message!["is_echo"]))
                    yield return new WebhookEvent(Key(mid), InboundEventKind.Message, Write(item), "An echo of a message we sent.");
                else
                    yield return new WebhookEvent(Key(mid), InboundEventKind.Message, Write(item));
            }
        }
    }

    private static WebhookEvent Unsupported(JsonNode? node, string reason)
    {
        var json = Write(node);
        return new WebhookEvent(Sha256(json), InboundEventKind.Unsupported, json, reason);
    }

    // Provider ids fit the column; anything longer is hashed rather than cut, so it stays unique.
    private static string Key(string id) =>
        id.Length <= InboundEvent.ExternalIdMaxLength ? id : Sha256(id);
}
