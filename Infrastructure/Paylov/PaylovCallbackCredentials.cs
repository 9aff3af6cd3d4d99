using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace VirtuOps.Infrastructure.Paylov;

/// <summary>
/// Authenticates Paylov's callbacks: Paylov protects them with HTTP Basic auth (<c>Paylov:CallbackUserName</c> and
/// <c>Paylov:CallbackPassword</c>, registered with the callback URL). Only headers are needed, so a caller without them
/// is refused before its body is read.
/// </summary>
public sealed class PaylovCallbackCredentials(IOptions<PaylovOptions> options)
{
    /// <summary>True only for a <c>Basic</c> authorization header carrying exactly the configured user name and password.</summary>
    public bool AreValid(string? authorizationHeader)
    {
        var (userName, password) = (options.Value.CallbackUserName, options.Value.CallbackPassword);
        // Without credentials (the sandbox) nothing can be verified, so nothing is accepted.
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password)
            || !AuthenticationHeaderValue.TryParse(authorizationHeader, out var presented)
            || !presented.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) || presented.Parameter is null)
            return false;

        var decoded = new byte[presented.Parameter.Length];
        if (!Convert.TryFromBase64String(presented.Parameter, decoded, out var written))
            return false;

        // Hashes have one length, so the constant-time comparison does not reveal the credentials' lengths either.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(decoded.AsSpan(0, written)),
            SHA256.HashData(Encoding.UTF8.GetBytes($"{userName}:{password}")));
    }
}
