using System.Buffers.Text;
using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Common.Interfaces;

namespace VirtuOps.Infrastructure.Security;

/// <summary>
/// AES-256-GCM with a fresh random 96-bit nonce per value and a 128-bit tag. The stored envelope is
/// <c>v1.&lt;keyId&gt;.&lt;base64url(nonce)&gt;.&lt;base64url(ciphertext ‖ tag)&gt;</c>; the associated data authenticated
/// with it is <c>v1.&lt;keyId&gt;.&lt;caller's associated data&gt;</c> (UTF-8), so neither the row id nor the header can be
/// changed without the decryption failing. Thread-safe: an <see cref="AesGcm"/> is made per call.
/// </summary>
internal sealed class AesGcmSecretProtector : ISecretProtector
{
    private const string Version = "v1";
    private const int NonceSizeBytes = 12;
    private const int TagSizeBytes = 16;

    private const string MalformedMessage = "The value is not a protected secret (expected v1.<keyId>.<nonce>.<ciphertext>).";
    private const string FailedMessage = "The secret could not be decrypted: it was altered, or it belongs to another record.";

    // Refuses lone surrogates instead of silently replacing them, so what is decrypted is exactly what was encrypted.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly FrozenDictionary<string, byte[]> _keys;
    private readonly string _currentKeyId;

    public AesGcmSecretProtector(IOptions<SecretProtectionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        // The host validates on start; checking again keeps a protector built by hand from running on bad keys.
        var result = new SecretProtectionOptionsValidator().Validate(Options.DefaultName, value);
        if (result.Failed)
            throw new OptionsValidationException(Options.DefaultName, typeof(SecretProtectionOptions), result.Failures);

        _keys = value.Keys.ToFrozenDictionary(k => k.Key, k => Convert.FromBase64String(k.Value.Trim()), StringComparer.Ordinal);
        _currentKeyId = value.CurrentKeyId!;
    }

    public string Protect(string plaintext, string associatedData)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentException.ThrowIfNullOrEmpty(associatedData);

        var plain = StrictUtf8.GetBytes(plaintext);
        var nonce = RandomNumberGenerator.GetBytes(NonceSizeBytes);
        var sealedBytes = new byte[plain.Length + TagSizeBytes];
        try
        {
            using var aes = new AesGcm(_keys[_currentKeyId], TagSizeBytes);
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), AssociatedData(_currentKeyId, associatedData));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }

        return $"{Version}.{_currentKeyId}.{Base64Url.EncodeToString(nonce)}.{Base64Url.EncodeToString(sealedBytes)}";
    }

    public string Unprotect(string envelope, string associatedData)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentException.ThrowIfNullOrEmpty(associatedData);

        var (keyId, nonce, sealedBytes) = Parse(envelope);
        if (!_keys.TryGetValue(keyId, out var key))
            throw new CryptographicException($"The secret was encrypted with key '{keyId}', which is not configured ({SecretProtectionOptions.SectionName}:Keys).");

        var ciphertextLength = sealedBytes.Length - TagSizeBytes;
        var plain = new byte[ciphertextLength];
        try
        {
            using var aes = new AesGcm(key, TagSizeBytes);
            aes.Decrypt(nonce, sealedBytes.AsSpan(0, ciphertextLength), sealedBytes.AsSpan(ciphertextLength), plain, AssociatedData(keyId, associatedData));
            return StrictUtf8.GetString(plain);
        }
        catch (CryptographicException ex)
        {
            throw new CryptographicException(FailedMessage, ex);
        }
        catch (ArgumentException ex)
        {
            // Authentic but not UTF-8: only possible if something else encrypted bytes under our key.
            throw new CryptographicException(FailedMessage, ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    public bool NeedsRotation(string envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return !string.Equals(Parse(envelope).KeyId, _currentKeyId, StringComparison.Ordinal);
    }

    private static byte[] AssociatedData(string keyId, string associatedData) =>
        StrictUtf8.GetBytes($"{Version}.{keyId}.{associatedData}");

    private static (string KeyId, byte[] Nonce, byte[] Sealed) Parse(string envelope)
    {
        var parts = envelope.Split('.');
        if (parts.Length != 4
            || !string.Equals(parts[0], Version, StringComparison.Ordinal)
            || !SecretProtectionOptionsValidator.IsValidKeyId(parts[1])
            || !TryDecode(parts[2], out var nonce) || nonce.Length != NonceSizeBytes
            || !TryDecode(parts[3], out var sealedBytes) || sealedBytes.Length < TagSizeBytes)
        {
            throw new CryptographicException(MalformedMessage);
        }
        return (parts[1], nonce, sealedBytes);
    }

    /// <summary>Decodes unpadded base64url, refusing any other spelling of the same bytes (padding, whitespace, stray bits).</summary>
    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (!Base64Url.IsValid(text))
            return false;
        bytes = Base64Url.DecodeFromChars(text);
        return string.Equals(Base64Url.EncodeToString(bytes), text, StringComparison.Ordinal);
    }
}
