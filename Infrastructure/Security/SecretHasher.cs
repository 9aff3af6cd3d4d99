using System.Security.Cryptography;
using System.Text;
using VirtuOps.Application.Common.Interfaces;

namespace VirtuOps.Infrastructure.Security;

internal sealed class SecretHasher : ISecretHasher
{
    // A 6-digit code has only a million values, so each guess must be expensive for anyone holding the database.
    private const int CodeIterations = 100_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public string HashCode(string code)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(code, salt, CodeIterations, HashAlgorithmName.SHA256, HashBytes);
        return $"{Convert.ToBase64String(salt)}.{Convert.ToBase64String(hash)}";
    }

    public bool VerifyCode(string code, string hash)
    {
        var parts = hash.Split('.');
        if (parts.Length != 2)
            return false;
        var expected = Convert.FromBase64String(parts[1]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(code, Convert.FromBase64String(parts[0]), CodeIterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    public string HashApiKey(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
}
