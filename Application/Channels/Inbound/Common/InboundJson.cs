using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VirtuOps.Application.Channels.Inbound.Common;

/// <summary>Small readers over provider JSON, which is loosely typed (ids are numbers on Telegram, strings on Meta).</summary>
internal static class InboundJson
{
    // Stored JSON stays readable: Cyrillic and Uzbek text is kept as is rather than as \u escapes.
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string? Str(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>A string, or a number written as it came (Telegram's 64-bit ids stay exact).</summary>
    public static string? Id(JsonNode? node) =>
        node is JsonValue value ? (value.TryGetValue<string>(out var text) ? text : value.GetValueKind() == JsonValueKind.Number ? value.ToJsonString() : null) : null;

    public static bool IsTrue(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    public static double? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>()
        : double.TryParse(Str(node), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    public static string Write(JsonNode? node) => node?.ToJsonString(Compact) ?? "null";

    /// <summary>A compact JSON object of the fields that have a value.</summary>
    public static string Compose(params (string Name, JsonNode? Value)[] fields)
    {
        var json = new JsonObject();
        foreach (var (name, value) in fields.Where(f => f.Value is not null))
            json[name] = value!.DeepClone();
        return Write(json);
    }

    public static string Sha256(string text) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
