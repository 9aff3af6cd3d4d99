using System.Text.Json;
using System.Text.Json.Serialization;

namespace VirtuOps.Infrastructure.Meta;

/// <summary>The Graph API's JSON (snake_case) for WhatsApp Business Cloud and Instagram Messaging.</summary>
internal static class MetaWire
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public sealed record ErrorAnswer(GraphError? Error);

    public sealed record GraphError(string? Message, string? Type, int? Code, int? ErrorSubcode);

    public sealed record PhoneNumber(string? Id, string? DisplayPhoneNumber, string? VerifiedName);

    public sealed record InstagramAccount(string? Id, string? Username);

    public sealed record WhatsAppText(string MessagingProduct, string RecipientType, string To, string Type, WhatsAppTextBody Text);

    public sealed record WhatsAppTextBody(string Body);

    public sealed record WhatsAppSent(IReadOnlyList<MessageId>? Messages);

    public sealed record MessageId(string? Id);

    public sealed record InstagramText(InstagramRecipient Recipient, InstagramMessage Message, string? MessagingType, string? Tag);

    public sealed record InstagramRecipient(string Id);

    public sealed record InstagramMessage(string Text);

    public sealed record InstagramSent(string? RecipientId, string? MessageId);

    public sealed record SuccessAnswer(bool? Success);
}
