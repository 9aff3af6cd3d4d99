using System.Security.Cryptography;
using System.Text;

namespace VirtuOps.Application.Webhooks.Delivery;

/// <summary>
/// <c>X-VirtuOps-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;raw body&gt;")&gt;</c>, one
/// <c>v1=</c> per signing secret (two during a rotation). The time lets receivers refuse old replays.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-VirtuOps-Signature";

    public static string Header(IEnumerable<string> secrets, DateTimeOffset at, string body)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signed = Encoding.UTF8.GetBytes($"{timestamp}.{body}");
        return $"t={timestamp}," + string.Join(',', secrets.Select(secret =>
            "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed))));
    }
}
