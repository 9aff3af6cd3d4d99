using System.Text.Json;
using System.Text.Json.Serialization;

namespace VirtuOps.Infrastructure.Telegram;

/// <summary>The Bot API's JSON: snake_case, every answer wrapped in <c>{"ok":..,"result":..}</c> or an error.</summary>
internal static class TelegramWire
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public sealed record Answer<T>(bool Ok, T? Result, int? ErrorCode, string? Description, ResponseParameters? Parameters);

    public sealed record ResponseParameters(int? RetryAfter);

    public sealed record User(long Id, string? Username, string? FirstName);

    public sealed record Message(long MessageId);

    public sealed record SetWebhook(string Url, string SecretToken, IReadOnlyList<string> AllowedUpdates, bool DropPendingUpdates);

    public sealed record DeleteWebhook(bool DropPendingUpdates);

    /// <summary>chat_id is "Integer or String": a numeric id goes as a number, a @channel name as a string.</summary>
    public sealed record SendMessage(JsonElement ChatId, string Text);

    public static JsonElement ChatId(string chatId) =>
        long.TryParse(chatId, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? JsonSerializer.SerializeToElement(id)
            : JsonSerializer.SerializeToElement(chatId);
}
