namespace VirtuOps.Application.Common.Interfaces;

/// <summary>
/// Encrypts secrets kept at rest (card tokens, channel tokens, OAuth refresh tokens). The owning row's id is bound
/// in as associated data, so a ciphertext copied to another row does not decrypt.
/// </summary>
public interface ISecretProtector
{
    string Protect(string plaintext, string associatedData);

    /// <summary>Throws <see cref="System.Security.Cryptography.CryptographicException"/> when tampered with, moved, or its key is gone.</summary>
    string Unprotect(string envelope, string associatedData);

    /// <summary>True when the envelope was made with a key other than the current one (so it should be re-encrypted).</summary>
    bool NeedsRotation(string envelope);
}
