using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Infrastructure.Security;

namespace Infrastructure.IntegrationTests.Security;

public sealed class AesGcmSecretProtectorTests : IDisposable
{
    private const string CardToken = "tok_live_5f3a9c1e7b2d4a6f";
    private const string RowA = "0195f3c2-7a10-7c3e-9d41-5b2f8e6a1c01";
    private const string RowB = "0195f3c2-7a10-7c3e-9d41-5b2f8e6a1c02";

    private static readonly byte[] OldKey = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] NewKey = RandomNumberGenerator.GetBytes(32);

    private readonly string _contentRoot = Directory.CreateTempSubdirectory("virtuops-secrets-").FullName;
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (var provider in _providers)
            provider.Dispose();
        Directory.Delete(_contentRoot, recursive: true);
    }

    // ---- Round trip and the envelope ----

    [Theory]
    [InlineData(CardToken)]
    [InlineData("O‘zbekiston Respublikasi, Toshkent sh., Amir Temur ko‘chasi 1")]
    [InlineData("Ўзбекистон Республикаси, Тошкент шаҳри — ғўза, қовун, ҳосил")]
    [InlineData("Привет, мир! 🔑")]
    [InlineData("")]
    public void A_protected_value_round_trips(string plaintext)
    {
        var protector = Protector(("k1", OldKey), current: "k1");

        var envelope = protector.Protect(plaintext, RowA);

        protector.Unprotect(envelope, RowA).ShouldBe(plaintext);
    }

    [Fact]
    public void The_envelope_is_versioned_and_names_its_key()
    {
        var envelope = Protector(("k1", OldKey), current: "k1").Protect(CardToken, RowA);

        var parts = envelope.Split('.');
        parts.Length.ShouldBe(4);
        parts[0].ShouldBe("v1");
        parts[1].ShouldBe("k1");
        Base64Url.DecodeFromChars(parts[2]).Length.ShouldBe(12);
        Base64Url.DecodeFromChars(parts[3]).Length.ShouldBe(Encoding.UTF8.GetByteCount(CardToken) + 16);
    }

    [Fact]
    public void Protecting_the_same_value_twice_uses_a_fresh_nonce_and_never_shows_the_plaintext()
    {
        var protector = Protector(("k1", OldKey), current: "k1");

        var first = protector.Protect(CardToken, RowA);
        var second = protector.Protect(CardToken, RowA);

        first.ShouldNotBe(second);
        first.Split('.')[2].ShouldNotBe(second.Split('.')[2]);
        foreach (var envelope in new[] { first, second })
        {
            envelope.ShouldNotContain(CardToken);
            envelope.ShouldNotContain(Base64Url.EncodeToString(Encoding.UTF8.GetBytes(CardToken)));
            protector.Unprotect(envelope, RowA).ShouldBe(CardToken);
        }
    }

    [Fact]
    public void Many_threads_can_share_one_protector()
    {
        var protector = Protector(("k1", OldKey), current: "k1");

        Parallel.For(0, 2_000, i =>
        {
            var secret = $"secret-{i}-Тошкент";
            var row = $"row-{i}";
            protector.Unprotect(protector.Protect(secret, row), row).ShouldBe(secret);
        });
    }

    // ---- Moving and tampering ----

    [Fact]
    public void A_ciphertext_moved_to_another_row_does_not_decrypt()
    {
        var protector = Protector(("k1", OldKey), current: "k1");
        var envelope = protector.Protect(CardToken, RowA);

        Should.Throw<CryptographicException>(() => protector.Unprotect(envelope, RowB));
    }

    [Fact]
    public void Flipping_any_bit_of_the_nonce_ciphertext_or_tag_fails()
    {
        var protector = Protector(("k1", OldKey), current: "k1");
        var parts = protector.Protect("short", RowA).Split('.');

        foreach (var segment in new[] { 2, 3 })
        {
            var bytes = Base64Url.DecodeFromChars(parts[segment]);
            for (var bit = 0; bit < bytes.Length * 8; bit++)
            {
                var tampered = (byte[])bytes.Clone();
                tampered[bit / 8] ^= (byte)(1 << (bit % 8));
                var copy = (string[])parts.Clone();
                copy[segment] = Base64Url.EncodeToString(tampered);

                Should.Throw<CryptographicException>(() => protector.Unprotect(string.Join('.', copy), RowA));
            }
        }
    }

    [Fact]
    public void Changing_the_key_id_in_the_envelope_fails_even_when_that_key_exists()
    {
        var protector = Protector(("k1", OldKey), ("k2", NewKey), current: "k1");
        var envelope = protector.Protect(CardToken, RowA);

        Should.Throw<CryptographicException>(() => protector.Unprotect(envelope.Replace("v1.k1.", "v1.k2.", StringComparison.Ordinal), RowA));
    }

    [Fact]
    public void The_key_id_is_authenticated_even_when_two_ids_hold_the_same_key()
    {
        var protector = Protector(("k1", OldKey), ("k1-copy", OldKey), current: "k1");
        var envelope = protector.Protect(CardToken, RowA);

        Should.Throw<CryptographicException>(() => protector.Unprotect(envelope.Replace("v1.k1.", "v1.k1-copy.", StringComparison.Ordinal), RowA));
    }

    [Theory]
    [InlineData("")]
    [InlineData(CardToken)]
    [InlineData("v1.k1.AAAAAAAAAAAAAAAA")]
    [InlineData("v2.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("v1.K1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("v1.k1.AAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("v1.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.extra")]
    [InlineData("v1.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("v1.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("v1.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAB")]
    [InlineData("v1.k1.AAAA+AAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA")]
    public void A_malformed_envelope_fails(string envelope)
    {
        var protector = Protector(("k1", OldKey), current: "k1");

        Should.Throw<CryptographicException>(() => protector.Unprotect(envelope, RowA));
        Should.Throw<CryptographicException>(() => protector.NeedsRotation(envelope));
    }

    // ---- Rotation ----

    [Fact]
    public void After_rotation_the_old_key_still_decrypts_and_its_values_need_rotation()
    {
        var before = Protector(("k1", OldKey), current: "k1");
        var oldEnvelope = before.Protect(CardToken, RowA);
        before.NeedsRotation(oldEnvelope).ShouldBeFalse();

        var after = Protector(("k1", OldKey), ("k2", NewKey), current: "k2");

        after.Unprotect(oldEnvelope, RowA).ShouldBe(CardToken);
        after.NeedsRotation(oldEnvelope).ShouldBeTrue();

        var rotated = after.Protect(after.Unprotect(oldEnvelope, RowA), RowA);
        rotated.ShouldStartWith("v1.k2.");
        after.NeedsRotation(rotated).ShouldBeFalse();
        after.Unprotect(rotated, RowA).ShouldBe(CardToken);
    }

    [Fact]
    public void A_value_made_with_an_unknown_key_fails_and_names_only_the_key_id()
    {
        var envelope = Protector(("k1", OldKey), current: "k1").Protect(CardToken, RowA);
        var withoutOldKey = Protector(("k2", NewKey), current: "k2");

        var ex = Should.Throw<CryptographicException>(() => withoutOldKey.Unprotect(envelope, RowA));

        ex.Message.ShouldContain("'k1'");
        withoutOldKey.NeedsRotation(envelope).ShouldBeTrue();
    }

    // ---- Options ----

    [Fact]
    public void Keys_and_the_current_key_id_are_read_from_configuration()
    {
        var services = Services(Environments.Production, new()
        {
            ["Security:Encryption:Keys:2026-01"] = Convert.ToBase64String(OldKey),
            ["Security:Encryption:Keys:2026-07"] = Convert.ToBase64String(NewKey),
            ["Security:Encryption:CurrentKeyId"] = "2026-07",
        });

        services.GetRequiredService<IStartupValidator>().Validate();
        var protector = services.GetRequiredService<ISecretProtector>();

        protector.Protect(CardToken, RowA).ShouldStartWith("v1.2026-07.");
        var byHand = Protector(("2026-01", OldKey), current: "2026-01").Protect(CardToken, RowA);
        protector.Unprotect(byHand, RowA).ShouldBe(CardToken);
    }

    [Fact]
    public void Start_fails_on_a_16_byte_key()
    {
        var shortKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

        var ex = StartFails(Environments.Production, new()
        {
            ["Security:Encryption:Keys:k1"] = shortKey,
            ["Security:Encryption:CurrentKeyId"] = "k1",
        });

        ex.Message.ShouldContain("'k1' must be exactly 32 bytes");
        ex.ToString().ShouldNotContain(shortKey);
    }

    [Fact]
    public void Start_fails_without_a_current_key_id()
    {
        var ex = StartFails(Environments.Production, new() { ["Security:Encryption:Keys:k1"] = Convert.ToBase64String(OldKey) });

        ex.Message.ShouldContain("CurrentKeyId is not set");
    }

    [Fact]
    public void Start_fails_when_the_current_key_id_names_no_configured_key()
    {
        var ex = StartFails(Environments.Production, new()
        {
            ["Security:Encryption:Keys:k1"] = Convert.ToBase64String(OldKey),
            ["Security:Encryption:CurrentKeyId"] = "k2",
        });

        ex.Message.ShouldContain("CurrentKeyId names a key that is not among");
    }

    [Theory]
    [InlineData("k1", "not base64 at all!", "is not valid base64")]
    [InlineData("Prod_Key", null, "key id under Security:Encryption:Keys is not valid")]
    public void Start_fails_on_a_bad_key_or_key_id(string keyId, string? key, string expected)
    {
        var ex = StartFails(Environments.Production, new()
        {
            [$"Security:Encryption:Keys:{keyId}"] = key ?? Convert.ToBase64String(OldKey),
            ["Security:Encryption:CurrentKeyId"] = keyId,
        });

        ex.Message.ShouldContain(expected);
    }

    [Fact]
    public void A_protector_made_by_hand_refuses_invalid_options()
    {
        var options = new SecretProtectionOptions { CurrentKeyId = "k1", Keys = { ["k1"] = Convert.ToBase64String(new byte[16]) } };

        Should.Throw<OptionsValidationException>(() => new AesGcmSecretProtector(Options.Create(options)));
    }

    // ---- Development default ----

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Outside_development_missing_keys_fail_the_start_with_a_clear_message(string environment)
    {
        var ex = StartFails(environment, []);

        ex.Message.ShouldContain("No encryption keys are configured");
        ex.Message.ShouldContain("Security:Encryption:Keys:<keyId>");
        File.Exists(DevKeyFile).ShouldBeFalse();
    }

    [Fact]
    public void In_development_without_keys_a_per_machine_key_is_made_once_and_survives_a_restart()
    {
        var firstRun = Services(Environments.Development, []);
        firstRun.GetRequiredService<IStartupValidator>().Validate();
        var envelope = firstRun.GetRequiredService<ISecretProtector>().Protect(CardToken, RowA);

        envelope.ShouldStartWith("v1.dev.");
        File.Exists(DevKeyFile).ShouldBeTrue();
        Convert.FromBase64String(File.ReadAllText(DevKeyFile).Trim()).Length.ShouldBe(32);
        if (!OperatingSystem.IsWindows())
            File.GetUnixFileMode(DevKeyFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var keyFile = File.ReadAllText(DevKeyFile);

        var secondRun = Services(Environments.Development, []);
        secondRun.GetRequiredService<ISecretProtector>().Unprotect(envelope, RowA).ShouldBe(CardToken);
        File.ReadAllText(DevKeyFile).ShouldBe(keyFile);
        Directory.GetFiles(Path.GetDirectoryName(DevKeyFile)!, "*.tmp").ShouldBeEmpty();
    }

    [Fact]
    public void Simultaneous_first_starts_agree_on_one_development_key()
    {
        for (var round = 0; round < 20; round++)
        {
            var root = Path.Combine(_contentRoot, $"round-{round}");
            var keys = new string[8];
            using var start = new Barrier(keys.Length);
            var threads = Enumerable.Range(0, keys.Length).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                keys[i] = DevelopmentEncryptionKey.LoadOrCreate(root);
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            keys.Distinct().ShouldHaveSingleItem().ShouldBe(File.ReadAllText(Path.Combine(root, "data", "dev-encryption-key")).Trim());
            Directory.GetFiles(Path.Combine(root, "data"), "*.tmp").ShouldBeEmpty();
        }
    }

    [Fact]
    public void In_development_configured_keys_win_and_no_key_file_is_made()
    {
        var services = Services(Environments.Development, new()
        {
            ["Security:Encryption:Keys:k1"] = Convert.ToBase64String(OldKey),
            ["Security:Encryption:CurrentKeyId"] = "k1",
        });

        services.GetRequiredService<ISecretProtector>().Protect(CardToken, RowA).ShouldStartWith("v1.k1.");
        File.Exists(DevKeyFile).ShouldBeFalse();
    }

    [Fact]
    public void A_damaged_development_key_file_fails_instead_of_being_replaced()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DevKeyFile)!);
        File.WriteAllText(DevKeyFile, "c2hvcnQ=");

        var ex = Should.Throw<InvalidOperationException>(() => Services(Environments.Development, []).GetRequiredService<ISecretProtector>());

        ex.Message.ShouldContain("is damaged");
        File.ReadAllText(DevKeyFile).ShouldBe("c2hvcnQ=");
    }

    // ---- Nothing secret in messages ----

    [Fact]
    public void No_exception_message_contains_the_plaintext_or_key_material()
    {
        var protector = Protector(("k1", OldKey), current: "k1");
        var envelope = protector.Protect(CardToken, RowA);
        var flipped = envelope[..^3] + (envelope[^3] == 'A' ? 'B' : 'A') + envelope[^2..];

        var failures = new List<Exception>
        {
            Should.Throw<CryptographicException>(() => protector.Unprotect(envelope, RowB)),
            Should.Throw<CryptographicException>(() => protector.Unprotect(flipped, RowA)),
            Should.Throw<CryptographicException>(() => Protector(("k2", NewKey), current: "k2").Unprotect(envelope, RowA)),
            Should.Throw<CryptographicException>(() => protector.Unprotect(envelope + "x", RowA)),
            StartFails(Environments.Production, new()
            {
                ["Security:Encryption:Keys:k1"] = Convert.ToBase64String(OldKey),
                ["Security:Encryption:Keys:k2"] = Convert.ToBase64String(NewKey[..16]),
                ["Security:Encryption:CurrentKeyId"] = "k3",
            }),
        };

        string[] secrets =
        [
            CardToken,
            Convert.ToBase64String(OldKey), Base64Url.EncodeToString(OldKey), Convert.ToHexString(OldKey),
            Convert.ToBase64String(NewKey), Convert.ToBase64String(NewKey[..16]), Convert.ToHexString(NewKey),
        ];
        foreach (var failure in failures)
        {
            var text = Describe(failure);
            foreach (var secret in secrets)
                text.ShouldNotContain(secret, Case.Insensitive);
        }
    }

    // ---- Helpers ----

    private string DevKeyFile => Path.Combine(_contentRoot, "data", "dev-encryption-key");

    private static AesGcmSecretProtector Protector((string Id, byte[] Key) key, string current) => Protector([key], current);

    private static AesGcmSecretProtector Protector((string Id, byte[] Key) key1, (string Id, byte[] Key) key2, string current) => Protector([key1, key2], current);

    private static AesGcmSecretProtector Protector(IEnumerable<(string Id, byte[] Key)> keys, string current)
    {
        var options = new SecretProtectionOptions { CurrentKeyId = current };
        foreach (var (id, key) in keys)
            options.Keys[id] = Convert.ToBase64String(key);
        return new AesGcmSecretProtector(Options.Create(options));
    }

    private ServiceProvider Services(string environment, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var provider = new ServiceCollection()
            .AddSecretProtection(configuration, new TestHostEnvironment(environment, _contentRoot))
            .BuildServiceProvider(validateScopes: true);
        _providers.Add(provider);
        return provider;
    }

    private OptionsValidationException StartFails(string environment, Dictionary<string, string?> settings) =>
        Should.Throw<OptionsValidationException>(() => Services(environment, settings).GetRequiredService<IStartupValidator>().Validate());

    private static string Describe(Exception exception)
    {
        var text = new StringBuilder();
        for (Exception? e = exception; e is not null; e = e.InnerException)
            text.AppendLine(e.Message);
        return text.Append(exception).ToString();
    }

    private sealed class TestHostEnvironment(string environmentName, string contentRootPath) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = environmentName;
        public string ApplicationName { get; set; } = "VirtuOps.Tests";
        public string ContentRootPath { get; set; } = contentRootPath;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
