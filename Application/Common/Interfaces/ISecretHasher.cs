namespace VirtuOps.Application.Common.Interfaces;

/// <summary>One-way hashing for secrets the platform must recognise but never store: SMS codes and API keys.</summary>
public interface ISecretHasher
{
    /// <summary>A salted, slow hash for low-entropy secrets such as 6-digit codes.</summary>
    string HashCode(string code);

    bool VerifyCode(string code, string hash);

    /// <summary>A fast, unsalted hash for high-entropy secrets (API keys), so the hash can be looked up.</summary>
    string HashApiKey(string apiKey);
}
