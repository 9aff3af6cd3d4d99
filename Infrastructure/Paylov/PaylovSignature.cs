using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace VirtuOps.Infrastructure.Paylov;

/// <summary>
/// Verifies Paylov's callbacks: the <c>X-Paylov-Signature</c> header holds the hex HMAC-SHA256 of the raw request
/// body keyed with <c>Paylov:CallbackSecret</c> (assumed contract). Check it on the raw bytes before parsing them.
/// </summary>
public sealed class PaylovSignature(IOptions<PaylovOptions> options)
{
    public const string HeaderName = PaylovWire.SignatureHeader;

    /// <summary>True only for a signature made with the configured secret over exactly these bytes.</summary>
    public bool IsValid(ReadOnlySpan<byte> rawBody, string? signatureHeader)
    {
        var secret = options.Value.CallbackSecret;
        // Without a secret (the sandbox) nothing can be verified, so nothing is accepted.
        if (string.IsNullOrEmpty(secret) || string.IsNullOrWhiteSpace(signatureHeader))
            return false;

        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(signatureHeader.Trim(), presented, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != presented.Length)
            return false;

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), rawBody, expected);
        // Constant time, so the comparison does not reveal how many leading bytes were right.
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }

    /// <summary>The lowercase hex signature for a body; what Paylov (and the test fakes) put in the header.</summary>
    public static string Compute(string secret, ReadOnlySpan<byte> rawBody)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), rawBody));
    }
}
