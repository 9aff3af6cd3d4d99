using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Infrastructure.IntegrationTests.Sms;

/// <summary>One request the fake gateway received: its bearer token (if any) and its form fields.</summary>
internal sealed record EskizRequest(string? BearerToken, IReadOnlyDictionary<string, string> Form);

/// <summary>A message the fake gateway accepted, and the id it answered with.</summary>
internal sealed record AcceptedSms(string Id, EskizRequest Request);

/// <summary>
/// A local stand-in for Eskiz.uz on 127.0.0.1 (a free port): it speaks the login and send wire format, issues
/// numbered tokens (token-1, token-2, ...), can expire them or fail on request, and records every request.
/// </summary>
internal sealed class FakeEskizServer : IAsyncDisposable
{
    public const string Email = "ops@virtuops.uz";
    public const string Password = "Correct-Horse-Battery-9";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<EskizRequest> _logins = new();
    private readonly ConcurrentQueue<EskizRequest> _sendAttempts = new();
    private readonly ConcurrentQueue<AcceptedSms> _accepted = new();
    private readonly ConcurrentDictionary<string, bool> _validTokens = new();
    private int _tokensIssued;
    private int _loginFailuresLeft;

    private FakeEskizServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Every login attempt, accepted or not.</summary>
    public IReadOnlyList<EskizRequest> Logins => [.. _logins];

    /// <summary>Every send request, whatever the answer.</summary>
    public IReadOnlyList<EskizRequest> SendAttempts => [.. _sendAttempts];

    /// <summary>The messages the gateway accepted: each of these would reach a phone.</summary>
    public IReadOnlyList<AcceptedSms> Accepted => [.. _accepted];

    /// <summary>When set, every send with a valid token is answered with this status instead of being accepted.</summary>
    public HttpStatusCode? SendFailsWith { get; set; }

    /// <summary>When set, every send is answered 401, as if each token expired the moment it was issued.</summary>
    public bool RejectAllTokens { get; set; }

    /// <summary>The next <paramref name="count"/> logins are answered 503, as by an overloaded gateway.</summary>
    public void FailNextLogins(int count) => Interlocked.Exchange(ref _loginFailuresLeft, count);

    /// <summary>Every token issued so far stops working, as when it expires.</summary>
    public void ExpireIssuedTokens() => _validTokens.Clear();

    public static async Task<FakeEskizServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeEskizServer(app);
        app.MapPost("/api/auth/login", server.LoginAsync);
        app.MapPost("/api/message/sms/send", server.SendAsync);

        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> LoginAsync(HttpRequest request)
    {
        var login = await RecordAsync(request, _logins);
        if (Interlocked.Decrement(ref _loginFailuresLeft) >= 0)
            return Results.Json(new { message = "Service temporarily unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        if (login.Form.GetValueOrDefault("email") != Email || login.Form.GetValueOrDefault("password") != Password)
            return Results.Json(new { message = "Invalid credentials", status = "error" }, statusCode: StatusCodes.Status401Unauthorized);

        var token = $"token-{Interlocked.Increment(ref _tokensIssued)}";
        _validTokens[token] = true;
        return Results.Json(new { message = "token_generated", data = new { token }, token_type = "bearer" });
    }

    private async Task<IResult> SendAsync(HttpRequest request)
    {
        var send = await RecordAsync(request, _sendAttempts);
        if (RejectAllTokens || send.BearerToken is null || !_validTokens.ContainsKey(send.BearerToken))
            return Results.Json(new { message = "Expired", status = "token-invalid" }, statusCode: StatusCodes.Status401Unauthorized);
        if (SendFailsWith is { } status)
            return Results.Json(new { message = "Internal error", status = "error" }, statusCode: (int)status);

        var id = Guid.NewGuid().ToString();
        _accepted.Enqueue(new AcceptedSms(id, send));
        return Results.Json(new { id, message = "Waiting for SMS provider", status = "waiting" });
    }

    private static async Task<EskizRequest> RecordAsync(HttpRequest request, ConcurrentQueue<EskizRequest> log)
    {
        var form = await request.ReadFormAsync();
        var authorization = request.Headers.Authorization.ToString();
        var recorded = new EskizRequest(
            authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : null,
            form.ToDictionary(f => f.Key, f => f.Value.ToString()));
        log.Enqueue(recorded);
        return recorded;
    }
}
