using Microsoft.Extensions.Options;

namespace VirtuOps.Infrastructure.Security;

/// <summary>
/// The <c>Security:Encryption</c> configuration section: the AES-256 keys that protect secrets at rest. Keys come from
/// configuration (environment variables, a secret store), never from the database.
/// </summary>
public sealed class SecretProtectionOptions
{
    public const string SectionName = "Security:Encryption";

    /// <summary>Key id (1-32 characters of <c>a-z</c>, <c>0-9</c>, <c>-</c>) to the base64 of 32 random bytes. Keep retired keys here until nothing uses them.</summary>
    public Dictionary<string, string> Keys { get; } = new(StringComparer.Ordinal);

    /// <summary>The key that encrypts new values; it must be one of <see cref="Keys"/>.</summary>
    public string? CurrentKeyId { get; set; }
}

/// <summary>Checks the encryption options on start. Messages name keys by id only, never by value.</summary>
internal sealed class SecretProtectionOptionsValidator : IValidateOptions<SecretProtectionOptions>
{
    public const int KeySizeBytes = 32;
    private const int MaxKeyIdLength = 32;

    public ValidateOptionsResult Validate(string? name, SecretProtectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.Keys.Count == 0)
        {
            failures.Add(
                $"No encryption keys are configured. Set {SecretProtectionOptions.SectionName}:Keys:<keyId> to the base64 of 32 random bytes " +
                $"(for example `openssl rand -base64 32`) and {SecretProtectionOptions.SectionName}:CurrentKeyId to that key id. " +
                "Only the Development environment falls back to a generated per-machine key.");
        }

        foreach (var (keyId, value) in options.Keys)
        {
            if (!IsValidKeyId(keyId))
            {
                failures.Add($"An encryption key id under {SecretProtectionOptions.SectionName}:Keys is not valid: use 1-{MaxKeyIdLength} characters of a-z, 0-9 and '-'.");
                continue;
            }

            var size = DecodedKeySize(value);
            if (size is null)
                failures.Add($"Encryption key '{keyId}' is not valid base64.");
            else if (size != KeySizeBytes)
                failures.Add($"Encryption key '{keyId}' must be exactly {KeySizeBytes} bytes (AES-256) but is {size} bytes.");
        }

        if (string.IsNullOrWhiteSpace(options.CurrentKeyId))
            failures.Add($"{SecretProtectionOptions.SectionName}:CurrentKeyId is not set; it names the key that encrypts new values.");
        else if (!options.Keys.ContainsKey(options.CurrentKeyId))
            failures.Add($"{SecretProtectionOptions.SectionName}:CurrentKeyId names a key that is not among {SecretProtectionOptions.SectionName}:Keys.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static bool IsValidKeyId(string? keyId)
    {
        if (string.IsNullOrEmpty(keyId) || keyId.Length > MaxKeyIdLength)
            return false;
        foreach (var c in keyId)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
                return false;
        }
        return true;
    }

    /// <summary>The decoded length of a base64 key, or null when it is not base64.</summary>
    private static int? DecodedKeySize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var buffer = new byte[value.Length];
        var decoded = Convert.TryFromBase64String(value.Trim(), buffer, out var written) ? written : (int?)null;
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(buffer);
        return decoded;
    }
}
