using System.Security.Cryptography;

namespace VirtuOps.Infrastructure.Security;

/// <summary>
/// The per-machine key used in Development when no keys are configured: <c>data/dev-encryption-key</c> under the
/// content root (git-ignored), made with a random key on first use so local data survives restarts.
/// </summary>
internal static class DevelopmentEncryptionKey
{
    public const string KeyId = "dev";
    public static readonly string RelativePath = Path.Combine("data", "dev-encryption-key");

    /// <summary>Returns the base64 key from the file, creating the file first when it does not exist.</summary>
    public static string LoadOrCreate(string contentRootPath)
    {
        var path = Path.GetFullPath(RelativePath, contentRootPath);
        if (!File.Exists(path))
            Create(path);
        return Read(path);
    }

    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Hosts starting at the same moment (functional tests, a second dotnet run) must all end up with one key:
        // creators take turns under an exclusive lock, and the key is written whole to a temporary file and renamed into
        // place, so a reader never sees half a key.
        using var turn = WaitForLock($"{path}.lock");
        if (File.Exists(path))
            return;

        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var writer = new StreamWriter(temporary, options))
                writer.WriteLine(Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretProtectionOptionsValidator.KeySizeBytes)));
            File.Move(temporary, path, overwrite: false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>An exclusive lock between processes (and threads): an open lock file that nobody else may open meanwhile.</summary>
    private static FileStream WaitForLock(string lockPath)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(20));
            }
        }
    }

    private static string Read(string path)
    {
        var key = File.ReadAllText(path).Trim();
        var buffer = new byte[key.Length];
        var valid = Convert.TryFromBase64String(key, buffer, out var written) && written == SecretProtectionOptionsValidator.KeySizeBytes;
        CryptographicOperations.ZeroMemory(buffer);
        if (!valid)
        {
            throw new InvalidOperationException(
                $"The development encryption key file '{path}' is damaged (it must hold the base64 of {SecretProtectionOptionsValidator.KeySizeBytes} bytes). " +
                "Delete it to start with a new key; secrets already encrypted with the old key can then no longer be read.");
        }
        return key;
    }
}
