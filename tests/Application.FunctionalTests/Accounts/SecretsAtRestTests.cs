using System.Net.Http.Json;
using System.Text;
using VirtuOps.Application.ApiKeys.Commands.CreateApiKey;

namespace Application.FunctionalTests.Accounts;

public sealed class SecretsAtRestTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    [Fact]
    public async Task The_database_files_never_hold_a_password_sms_code_or_api_key_in_plain_text()
    {
        const string password = "Sirli-parol-7391";
        using var owner = new SpaClient(factory);
        (await owner.RegisterAsync("secrets@example.uz", "+998977770000", password)).EnsureSuccessStatusCode();
        var code = await owner.LatestCodeAsync("+998977770000");
        (await owner.Http.PostAsJsonAsync("/api/account/phone/verify", new { code })).EnsureSuccessStatusCode();
        var key = (await (await owner.Http.PostAsJsonAsync("/api/api-keys", new { name = "Secret CRM", scopes = new[] { "Read" } }))
            .Content.ReadFromJsonAsync<CreatedApiKeyDto>(SpaClient.Json))!.Key;

        // The write-ahead log holds recent pages too, so both files are read as they are on disk.
        var files = new[] { factory.DatabasePath, factory.DatabasePath + "-wal" }.Where(File.Exists).ToList();
        files.ShouldNotBeEmpty();
        foreach (var file in files)
        {
            var bytes = await ReadSharedAsync(file);
            foreach (var secret in new[] { password, code, key })
                Contains(bytes, Encoding.UTF8.GetBytes(secret)).ShouldBeFalse($"{Path.GetFileName(file)} holds a secret in plain text");
        }

        // The scan itself must be able to see stored text: the e-mail address is stored in plain text.
        var stored = new List<bool>();
        foreach (var file in files)
            stored.Add(Contains(await ReadSharedAsync(file), Encoding.UTF8.GetBytes("secrets@example.uz")));
        stored.ShouldContain(true);
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
