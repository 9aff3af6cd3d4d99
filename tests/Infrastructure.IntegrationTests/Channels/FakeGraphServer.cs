using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Infrastructure.IntegrationTests.Channels;

/// <summary>One Graph request the fake received, whatever it answered. <see cref="Path"/> is below the version (<c>/{id}/messages</c>).</summary>
internal sealed record GraphRequest(string HttpMethod, string Path, string Query, string? AccessToken, JsonObject? Body);

/// <summary>A message the fake accepted: WhatsApp (<see cref="To"/> is the wa_id) or Instagram (the IGSID).</summary>
internal sealed record GraphSentMessage(string Channel, string AccountId, string To, string Text, string MessageId, string? Tag);

/// <summary>
/// A local stand-in for Meta's Graph API (WhatsApp Business Cloud and Instagram Messaging) on 127.0.0.1 (a free port),
/// written against the JSON. WhatsApp numbers and Instagram accounts are known by id with their access token
/// (<see cref="AddWhatsAppNumber"/>, <see cref="AddInstagramAccount"/>); a wrong token is answered with
/// OAuthException 190. Records every request in order and can fail the next requests with rate limits (130429,
/// optional Retry-After), 5xx or a delay; <see cref="CloseWindow"/> makes sends to a customer fail with 131047.
/// <c>DELETE /{id}/subscribed_apps</c> of a known business or Instagram account is recorded in <see cref="Unsubscribed"/>.
/// </summary>
internal sealed class FakeGraphServer : IAsyncDisposable
{
    public const string Version = "v21.0";

    public const string PhoneNumberId = "106540352242922";
    public const string BusinessAccountId = "102290129340398";
    public const string WhatsAppToken = "EAAGfakeWhatsAppTokenForTests0123456789";
    public const string DisplayPhoneNumber = "+998 71 200 00 00";
    public const string VerifiedName = "VirtuOps Test";

    public const string InstagramAccountId = "17841405822304914";
    public const string InstagramToken = "IGQfakeInstagramTokenForTests0123456789";
    public const string InstagramUsername = "virtuops.test";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<GraphRequest> _requests = new();
    private readonly ConcurrentQueue<GraphSentMessage> _sent = new();
    private readonly ConcurrentDictionary<string, (string Token, JsonObject Fields)> _objects = new();
    private readonly ConcurrentDictionary<string, bool> _closedWindows = new();
    private readonly ConcurrentQueue<string> _unsubscribed = new();
    private readonly FakeChannelFaults _faults = new();
    private int _ids;

    private FakeGraphServer(WebApplication app) => _app = app;

    /// <summary>The Graph root including the version, as <c>Meta:GraphBaseUrl</c> expects it.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyList<GraphRequest> Requests => [.. _requests];

    public IReadOnlyList<GraphSentMessage> Sent => [.. _sent];

    /// <summary>The business accounts and Instagram accounts our app was unsubscribed from, in order.</summary>
    public IReadOnlyList<string> Unsubscribed => [.. _unsubscribed];

    /// <summary>A WhatsApp Business Account whose webhook subscription the token may drop.</summary>
    public void AddBusinessAccount(string businessAccountId, string accessToken) =>
        _objects[businessAccountId] = (accessToken, new JsonObject { ["id"] = businessAccountId });

    public void AddWhatsAppNumber(string phoneNumberId, string accessToken, string displayPhoneNumber, string verifiedName) =>
        _objects[phoneNumberId] = (accessToken, new JsonObject
        {
            ["display_phone_number"] = displayPhoneNumber, ["verified_name"] = verifiedName, ["id"] = phoneNumberId,
        });

    public void AddInstagramAccount(string accountId, string accessToken, string username) =>
        _objects[accountId] = (accessToken, new JsonObject { ["username"] = username, ["id"] = accountId });

    /// <summary>The token of this number/account stops working, as when it expires or is revoked.</summary>
    public void RevokeToken(string id) => _objects.TryRemove(id, out _);

    /// <summary>The customer's 24-hour window is over: free-text sends to them fail with 131047.</summary>
    public void CloseWindow(string customerId) => _closedWindows[customerId] = true;

    /// <summary>The customer wrote again: free-text messages to them are accepted again.</summary>
    public void OpenWindow(string customerId) => _closedWindows.TryRemove(customerId, out _);

    /// <summary>The next requests (to <paramref name="operation"/> "send" or "get" only, when given) fail with error 130429.</summary>
    public void RateLimitNext(int count, TimeSpan? retryAfter = null, string? operation = null) =>
        _faults.Add(new FakeFault(FakeFaultKind.RateLimited, operation, HttpStatusCode.BadRequest, retryAfter), count);

    public void FailNext(int count, HttpStatusCode status = HttpStatusCode.InternalServerError, string? operation = null) =>
        _faults.Add(new FakeFault(FakeFaultKind.ServerError, operation, status), count);

    /// <summary>The next requests wait <paramref name="delay"/> before being handled; a client that times out first leaves them unhandled.</summary>
    public void DelayNext(int count, TimeSpan delay, string? operation = null) =>
        _faults.Add(new FakeFault(FakeFaultKind.Delay, operation, Delay: delay), count);

    /// <summary>Completes once <paramref name="count"/> send requests (WhatsApp or Instagram) arrived in total, whatever they were answered.</summary>
    public Task WaitForSendsAsync(int count, TimeSpan timeout) => _faults.WaitForSendsAsync(count, timeout);

    public static async Task<FakeGraphServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeGraphServer(app);
        server.AddWhatsAppNumber(PhoneNumberId, WhatsAppToken, DisplayPhoneNumber, VerifiedName);
        server.AddBusinessAccount(BusinessAccountId, WhatsAppToken);
        server.AddInstagramAccount(InstagramAccountId, InstagramToken, InstagramUsername);
        app.Run(server.HandleAsync);

        await app.StartAsync();
        var root = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseUrl = $"{root}/{Version}";
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var fullPath = request.Path.Value ?? string.Empty;
        var path = fullPath.StartsWith($"/{Version}/", StringComparison.Ordinal) ? fullPath[(Version.Length + 1)..] : fullPath;
        JsonObject? body = null;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
            body = await JsonNode.ParseAsync(request.Body) as JsonObject;
        var authorization = request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : null;
        _requests.Enqueue(new GraphRequest(request.Method, path, request.QueryString.Value ?? string.Empty, token, body));

        var segments = path.Trim('/').Split('/');
        var isSend = request.Method == "POST" && segments is [_, "messages"];
        if (isSend)
            _faults.SendReceived();

        var result = await AnswerAsync(context, segments, isSend, token, body ?? []);
        await result.ExecuteAsync(context);
    }

    private async Task<IResult> AnswerAsync(HttpContext context, string[] segments, bool isSend, string? token, JsonObject body)
    {
        if (!HasVersion(context))
            return Error(400, "Unknown path components", "OAuthException", 2500);

        switch (_faults.Take(isSend ? "send" : "get"))
        {
            case { Kind: FakeFaultKind.RateLimited, RetryAfter: var retryAfter }:
                if (retryAfter is { } wait)
                    context.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Error(400, "(#130429) Rate limit hit", "OAuthException", 130429);
            case { Kind: FakeFaultKind.ServerError, Status: var status }:
                return Error((int)status, "An unexpected error has occurred. Please retry your request later.", "OAuthException", 2);
            case { Kind: FakeFaultKind.Delay, Delay: var delay }:
                await Task.Delay(delay, context.RequestAborted);
                break;
        }

        if (!_objects.TryGetValue(segments[0], out var known))
            return Error(400, $"Unsupported request - method type: {context.Request.Method.ToLowerInvariant()}", "GraphMethodException", 100, 33);
        if (token != known.Token)
            return Error(401, "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190);

        if (context.Request.Method == "DELETE" && segments is [var subscriber, "subscribed_apps"])
        {
            _unsubscribed.Enqueue(subscriber);
            return Results.Json(new JsonObject { ["success"] = true });
        }

        if (!isSend)
        {
            if (context.Request.Method != "GET" || segments.Length != 1)
                return Error(400, "Unsupported request", "GraphMethodException", 100);
            // Only the fields asked for, and the id, as Graph answers.
            var fields = context.Request.Query["fields"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
            var answer = new JsonObject();
            foreach (var field in fields.Append("id"))
                if (known.Fields[field] is { } value)
                    answer[field] = value.DeepClone();
            return Results.Json(answer);
        }

        return known.Fields.ContainsKey("username") ? SendInstagram(segments[0], body) : SendWhatsApp(segments[0], body);
    }

    private static bool HasVersion(HttpContext context) =>
        context.Request.Path.StartsWithSegments($"/{Version}", StringComparison.Ordinal);

    private IResult SendWhatsApp(string phoneNumberId, JsonObject body)
    {
        var to = (string?)body["to"];
        var text = (string?)body["text"]?["body"];
        if ((string?)body["messaging_product"] != "whatsapp" || (string?)body["type"] != "text" || string.IsNullOrEmpty(to) || string.IsNullOrEmpty(text))
            return Error(400, "(#100) Invalid parameter", "OAuthException", 100);
        if (_closedWindows.ContainsKey(to))
            return Error(400, "(#131047) Re-engagement message", "OAuthException", 131047, details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number.");

        var id = $"wamid.HBgMOTk4OTAxMTEyMjMzFQIAERgS{NextId()}";
        _sent.Enqueue(new GraphSentMessage("whatsapp", phoneNumberId, to, text, id, null));
        return Results.Json(new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["contacts"] = new JsonArray(new JsonObject { ["input"] = to, ["wa_id"] = to }),
            ["messages"] = new JsonArray(new JsonObject { ["id"] = id }),
        });
    }

    private IResult SendInstagram(string accountId, JsonObject body)
    {
        var recipient = (string?)body["recipient"]?["id"];
        var text = (string?)body["message"]?["text"];
        if (string.IsNullOrEmpty(recipient) || string.IsNullOrEmpty(text))
            return Error(400, "(#100) Invalid parameter", "OAuthException", 100);
        var tag = (string?)body["tag"];
        if (tag is not null && (string?)body["messaging_type"] != "MESSAGE_TAG")
            return Error(400, "(#100) Tag requires messaging_type MESSAGE_TAG", "OAuthException", 100);
        // A person answering with HUMAN_AGENT may still write; everyone else is outside the window.
        if (_closedWindows.ContainsKey(recipient) && tag != "HUMAN_AGENT")
            return Error(400, "(#10) This message is sent outside of allowed window.", "OAuthException", 10, 2534022);

        var id = $"aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3{NextId()}";
        _sent.Enqueue(new GraphSentMessage("instagram", accountId, recipient, text, id, tag));
        return Results.Json(new JsonObject { ["recipient_id"] = recipient, ["message_id"] = id });
    }

    private static IResult Error(int status, string message, string type, int code, int? subcode = null, string? details = null)
    {
        var error = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = code, ["fbtrace_id"] = "AbCdEfGhIjK" };
        if (subcode is not null)
            error["error_subcode"] = subcode;
        if (details is not null)
            error["error_data"] = new JsonObject { ["messaging_product"] = "whatsapp", ["details"] = details };
        return Results.Json(new JsonObject { ["error"] = error }, statusCode: status);
    }

    private string NextId() => Interlocked.Increment(ref _ids).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}
