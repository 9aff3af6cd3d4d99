using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Application.FunctionalTests.Webhooks;

/// <summary>One POST the receiver got: the raw body as sent, its signature header, when, and what it answered.</summary>
public sealed record ReceivedWebhook(string Body, string? Signature, DateTimeOffset At, int Answered)
{
    public JsonObject Envelope => JsonNode.Parse(Body)!.AsObject();

    public string Type => Envelope["type"]!.GetValue<string>();

    public Guid EventId => Envelope["id"]!.GetValue<Guid>();
}

/// <summary>
/// An integrator's endpoint on 127.0.0.1 (a free port), written against the wire format only: it keeps every request
/// and answers with whatever <see cref="Answer"/> says for the request's number (1-based); a null answer hangs until
/// the sender gives up.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ReceivedWebhook> _received = [];
    private readonly Channel<ReceivedWebhook> _arrivals = Channel.CreateUnbounded<ReceivedWebhook>();
    private int _count;

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = string.Empty;

    public Func<int, int?> Answer { get; set; } = _ => 200;

    private int _hanging;
    private readonly Channel<int> _hangingChanged = Channel.CreateUnbounded<int>();

    /// <summary>Requests hanging right now (answered with null, not yet cut off by the sender).</summary>
    public int Hanging => Volatile.Read(ref _hanging);

    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (_received)
                return [.. _received];
        }
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single() + "/hooks";
        return receiver;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var answer = Answer(Interlocked.Increment(ref _count));
        if (answer is null)
        {
            _hangingChanged.Writer.TryWrite(Interlocked.Increment(ref _hanging));
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                _hangingChanged.Writer.TryWrite(Interlocked.Decrement(ref _hanging));
            }

            return;
        }

        var received = new ReceivedWebhook(body, context.Request.Headers["X-VirtuOps-Signature"].ToString(), DateTimeOffset.UtcNow, answer.Value);
        lock (_received)
            _received.Add(received);
        _arrivals.Writer.TryWrite(received);
        context.Response.StatusCode = answer.Value;
    }

    /// <summary>Waits (up to 30 s) until the requests received so far include one that matches.</summary>
    public async Task<ReceivedWebhook> WaitForAsync(Func<ReceivedWebhook, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        if (Received.FirstOrDefault(match) is { } already)
            return already;
        try
        {
            while (true)
            {
                var next = await _arrivals.Reader.ReadAsync(timeout.Token);
                if (match(next))
                    return next;
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No matching webhook within 30 s; received: {string.Join(", ", Received.Select(r => $"{r.Type} ({r.Answered})"))}");
        }
    }

    /// <summary>Waits (up to 30 s) until at least <paramref name="count"/> requests hang at once.</summary>
    public async Task WaitForHangingAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Hanging < count)
            await _hangingChanged.Reader.ReadAsync(timeout.Token);
    }

    public async Task<ReceivedWebhook> WaitForAsync(string type)
    {
        try
        {
            return await WaitForAsync(r => r.Type == type);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"{type}: {exception.Message}");
        }
    }

    /// <summary>The receiver's side of the signature check, as the README shows it: any v1 made with the secret matches.</summary>
    public static bool SignatureVerifies(ReceivedWebhook webhook, string secret)
    {
        var parts = webhook.Signature!.Split(',').Select(p => p.Split('=', 2)).ToList();
        var timestamp = parts.Single(p => p[0] == "t")[1];
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{webhook.Body}")));
        return parts.Where(p => p[0] == "v1").Any(p => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(p[1]), Encoding.ASCII.GetBytes(expected)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
