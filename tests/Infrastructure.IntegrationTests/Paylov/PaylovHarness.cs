using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Infrastructure.Paylov;

namespace Infrastructure.IntegrationTests.Paylov;

/// <summary>The fake Paylov and the real adapter configured for it, as Production would configure it.</summary>
internal sealed class PaylovHarness
{
    private ServiceProvider? _services;

    public FakePaylovServer Paylov { get; private set; } = null!;

    public IPaylovClient Client => (_services ?? Build()).GetRequiredService<IPaylovClient>();

    public IPaylovCardBinding Binding => (_services ?? Build()).GetRequiredService<IPaylovCardBinding>();

    public IPaylovPayouts Payouts => (_services ?? Build()).GetRequiredService<IPaylovPayouts>();

    public async Task InitializeAsync() => Paylov = await FakePaylovServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_services is not null)
            await _services.DisposeAsync();
        await Paylov.DisposeAsync();
    }

    public Dictionary<string, string?> Settings() => new()
    {
        ["Paylov:BaseUrl"] = Paylov.BaseUrl,
        ["Paylov:ConsumerKey"] = FakePaylovServer.ConsumerKey,
        ["Paylov:ConsumerSecret"] = FakePaylovServer.ConsumerSecret,
        ["Paylov:UserName"] = FakePaylovServer.UserName,
        ["Paylov:Password"] = FakePaylovServer.Password,
        ["Paylov:CallbackUserName"] = FakePaylovServer.CallbackUserName,
        ["Paylov:CallbackPassword"] = FakePaylovServer.CallbackPassword,
        ["Paylov:AttemptTimeout"] = "00:00:05",
        ["Paylov:MaxRetries"] = "2",
        // Retry at once, so no test waits for a backoff.
        ["Paylov:RetryDelay"] = "00:00:00",
    };

    public ServiceProvider Build(Dictionary<string, string?>? overrides = null, TimeProvider? time = null, string environment = "Production")
    {
        var settings = Settings();
        foreach (var (key, value) in overrides ?? [])
            settings[key] = value;
        _services = new ServiceCollection()
            .AddSingleton(time ?? TimeProvider.System)
            // Trace, so the HttpClient's own request logging is checked for secrets too.
            .AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Trace))
            .AddPaylov(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new HostingEnvironment { EnvironmentName = environment })
            .BuildServiceProvider(validateScopes: true);
        return _services;
    }

    /// <summary>Every log record's message, exception and structured state (a JSON sink stores the state too).</summary>
    public IEnumerable<string> LoggedMessages() =>
        _services!.GetFakeLogCollector().GetSnapshot().Select(r => $"{r.Message} {r.Exception} {string.Join(' ', r.StructuredState?.Select(s => s.Value) ?? [])}");
}
