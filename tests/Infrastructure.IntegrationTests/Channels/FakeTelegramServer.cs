using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Infrastructure.IntegrationTests.Channels;

/// <summary>One Bot API request the fake received, whatever it answered: <c>{HttpMethod} /bot{Token}/{Method}</c>.</summary>
internal sealed record TelegramRequest(string HttpMethod, string Path, string Token, string Method, JsonObject? Body);

/// <summary>A message the fake accepted (it would reach the chat).</summary>
internal sealed record TelegramSentMessage(string Token, string ChatId, string Text, long MessageId);

/// <summary>The webhook a bot has set: where Telegram would post updates, with which secret header.</summary>
internal sealed record TelegramWebhook(string Url, string SecretToken, IReadOnlyList<string> AllowedUpdates, bool DropPendingUpdates);

/// <summary>
/// A local stand-in for the Telegram Bot API on 127.0.0.1 (a free port), written against the JSON, not the adapter's
/// types. Bots are known by token (<see cref="AddBot"/>; any other token is answered 401 as Telegram does); it keeps
/// each bot's webhook, accepts messages, records every request in order, and can fail the next requests with a 429
/// (<c>parameters.retry_after</c>), a 5xx or a delay.
/// </summary>
internal sealed partial class FakeTelegramServer : IAsyncDisposable
{
    /// <summary>A well-formed token registered by <see cref="StartAsync"/>: bot 7000000001, @virtuops_test_bot.</summary>
    public const string BotToken = "7000000001:AAHfakeTokenForTests_0123456789abcd";
    public const long BotId = 7000000001;
    public const string BotUsername = "virtuops_test_bot";

    private const int MaxTextLength = 4096;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<TelegramRequest> _requests = new();
    private readonly ConcurrentQueue<TelegramSentMessage> _sent = new();
    private readonly ConcurrentDictionary<string, (long Id, string Username, string FirstName)> _bots = new();
    private readonly ConcurrentDictionary<string, TelegramWebhook> _webhooks = new();
    private readonly ConcurrentDictionary<string, bool> _blockedChats = new();
    private readonly FakeChannelFaults _faults = new();
    private long _messageIds = 100;

    private FakeTelegramServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyList<TelegramRequest> Requests => [.. _requests];

    public IReadOnlyList<TelegramRequest> RequestsFor(string method) => [.. _requests.Where(r => r.Method == method)];

    public IReadOnlyList<TelegramSentMessage> Sent => [.. _sent];

    /// <summary>The bot's current webhook; null when none is set or it was deleted.</summary>
    public TelegramWebhook? WebhookOf(string token) => _webhooks.GetValueOrDefault(token);

    /// <summary>Makes a token valid; getMe answers with this identity.</summary>
    public void AddBot(string token, long id, string username, string firstName = "Test bot") => _bots[token] = (id, username, firstName);

    /// <summary>The token stops working, as when the owner revokes it in @BotFather.</summary>
    public void RevokeBot(string token) => _bots.TryRemove(token, out _);

    /// <summary>Sends to this chat are answered 403 "bot was blocked by the user".</summary>
    public void BlockChat(string chatId) => _blockedChats[chatId] = true;

    /// <summary>The next <paramref name="count"/> requests (of <paramref name="method"/> only, when given) are answered 429 with retry_after.</summary>
    public void RateLimitNext(int count, int retryAfterSeconds, string? method = null) =>
        _faults.Add(new FakeFault(FakeFaultKind.RateLimited, method, RetryAfter: TimeSpan.FromSeconds(retryAfterSeconds)), count);

    public void FailNext(int count, HttpStatusCode status = HttpStatusCode.InternalServerError, string? method = null) =>
        _faults.Add(new FakeFault(FakeFaultKind.ServerError, method, status), count);

    /// <summary>The next requests wait <paramref name="delay"/> before being handled; a client that times out first leaves them unhandled.</summary>
    public void DelayNext(int count, TimeSpan delay, string? method = null) =>
        _faults.Add(new FakeFault(FakeFaultKind.Delay, method, Delay: delay), count);

    /// <summary>Completes once <paramref name="count"/> sendMessage requests arrived in total (whatever they were answered).</summary>
    public Task WaitForSendsAsync(int count, TimeSpan timeout) => _faults.WaitForSendsAsync(count, timeout);

    public static async Task<FakeTelegramServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeTelegramServer(app);
        server.AddBot(BotToken, BotId, BotUsername);
        app.Run(server.HandleAsync);

        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [GeneratedRegex("^/bot(?<token>[^/]+)/(?<method>[A-Za-z]+)$")]
    private static partial Regex ApiPath();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretTokenFormat();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        var match = ApiPath().Match(path);
        if (!match.Success)
        {
            await Error(404, "Not Found").ExecuteAsync(context);
            return;
        }

        var (token, method) = (match.Groups["token"].Value, match.Groups["method"].Value);
        JsonObject? body = null;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
            body = await JsonNode.ParseAsync(request.Body) as JsonObject;
        _requests.Enqueue(new TelegramRequest(request.Method, path, token, method, body));
        if (method == "sendMessage")
            _faults.SendReceived();

        var result = await AnswerAsync(token, method, body ?? [], context.RequestAborted);
        await result.ExecuteAsync(context);
    }

    private async Task<IResult> AnswerAsync(string token, string method, JsonObject body, CancellationToken aborted)
    {
        switch (_faults.Take(method))
        {
            case { Kind: FakeFaultKind.RateLimited, RetryAfter: var retryAfter }:
                var seconds = (int)(retryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds;
                return Results.Json(new JsonObject
                {
                    ["ok"] = false, ["error_code"] = 429, ["description"] = $"Too Many Requests: retry after {seconds}",
                    ["parameters"] = new JsonObject { ["retry_after"] = seconds },
                }, statusCode: 429);
            case { Kind: FakeFaultKind.ServerError, Status: var status }:
                return Error((int)status, "Internal Server Error");
            case { Kind: FakeFaultKind.Delay, Delay: var delay }:
                await Task.Delay(delay, aborted);
                break;
        }

        if (!_bots.TryGetValue(token, out var bot))
            return Error(401, "Unauthorized");

        switch (method)
        {
            case "getMe":
                return Ok(new JsonObject
                {
                    ["id"] = bot.Id, ["is_bot"] = true, ["first_name"] = bot.FirstName, ["username"] = bot.Username,
                    ["can_join_groups"] = true, ["can_read_all_group_messages"] = false, ["supports_inline_queries"] = false,
                });
            case "setWebhook":
                var url = (string?)body["url"];
                var secret = (string?)body["secret_token"];
                if (!Uri.TryCreate(url, UriKind.Absolute, out _))
                    return Error(400, "Bad Request: invalid webhook URL specified");
                if (secret is not null && !SecretTokenFormat().IsMatch(secret))
                    return Error(400, "Bad Request: secret token contains unallowed characters");
                var allowed = body["allowed_updates"]?.AsArray().Select(u => (string)u!).ToList() ?? [];
                _webhooks[token] = new TelegramWebhook(url!, secret ?? string.Empty, allowed, (bool?)body["drop_pending_updates"] ?? false);
                return Ok(true, "Webhook was set");
            case "deleteWebhook":
                return Ok(true, _webhooks.TryRemove(token, out _) ? "Webhook was deleted" : "Webhook is already deleted");
            case "sendMessage":
                var chatId = body["chat_id"]?.ToString();
                var text = (string?)body["text"];
                if (string.IsNullOrEmpty(chatId))
                    return Error(400, "Bad Request: chat_id is empty");
                if (string.IsNullOrEmpty(text))
                    return Error(400, "Bad Request: message text is empty");
                if (text.Length > MaxTextLength)
                    return Error(400, "Bad Request: message is too long");
                if (_blockedChats.ContainsKey(chatId))
                    return Error(403, "Forbidden: bot was blocked by the user");
                var messageId = Interlocked.Increment(ref _messageIds);
                _sent.Enqueue(new TelegramSentMessage(token, chatId, text, messageId));
                return Ok(new JsonObject
                {
                    ["message_id"] = messageId,
                    ["from"] = new JsonObject { ["id"] = bot.Id, ["is_bot"] = true, ["first_name"] = bot.FirstName, ["username"] = bot.Username },
                    ["chat"] = new JsonObject { ["id"] = body["chat_id"]!.DeepClone(), ["type"] = "private" },
                    ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    ["text"] = text,
                });
            default:
                return Error(404, "Not Found");
        }
    }

    private static IResult Ok(JsonNode result, string? description = null)
    {
        var answer = new JsonObject { ["ok"] = true, ["result"] = result };
        if (description is not null)
            answer["description"] = description;
        return Results.Json(answer);
    }

    private static IResult Error(int code, string description) =>
        Results.Json(new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description }, statusCode: code);
}
