using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Infrastructure.IntegrationTests.Ai;

/// <summary>One chat message of a recorded request.</summary>
internal sealed record ChatMessageSent(string Role, string Content);

/// <summary>One chat-completions request the fake received.</summary>
internal sealed record ChatCompletionRequest(string? BearerToken, string Model, IReadOnlyList<ChatMessageSent> Messages);

/// <summary>
/// A local OpenAI-compatible server on 127.0.0.1 (a free port) answering <c>POST /v1/chat/completions</c> in the
/// real wire format. It records every request and can answer with an error, an empty answer, or hold the answer
/// until the test releases it.
/// </summary>
internal sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ChatCompletionRequest> _requests = new();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeOpenAiServer(WebApplication app) => _app = app;

    /// <summary>The API root as an OpenAI client expects it, ending in <c>/v1</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyList<ChatCompletionRequest> Requests => [.. _requests];

    /// <summary>Completed when the first request has been recorded.</summary>
    public Task RequestReceived => _received.Task;

    public string Reply { get; set; } = "Naqd pul, Uzcard, Humo, Payme yoki Click orqali to'lashingiz mumkin.";

    /// <summary>When set, every request is answered with this status and an OpenAI error body.</summary>
    public HttpStatusCode? FailWith { get; set; }

    /// <summary>When set, answers wait until <see cref="ReleaseHeldAnswers"/> (or until the client gives up).</summary>
    public bool HoldAnswers { get; set; }

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapPost("/v1/chat/completions", server.CompleteAsync);

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseUrl = $"{address}/v1";
        return server;
    }

    public void ReleaseHeldAnswers() => _release.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        ReleaseHeldAnswers();
        await _app.DisposeAsync();
    }

    private async Task<IResult> CompleteAsync(HttpRequest request)
    {
        using var body = await JsonDocument.ParseAsync(request.Body);
        var model = body.RootElement.GetProperty("model").GetString()!;
        var messages = body.RootElement.GetProperty("messages").EnumerateArray()
            .Select(m => new ChatMessageSent(m.GetProperty("role").GetString()!, ContentText(m.GetProperty("content"))))
            .ToList();
        var authorization = request.Headers.Authorization.ToString();
        _requests.Enqueue(new ChatCompletionRequest(
            authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : null, model, messages));
        _received.TrySetResult();

        if (HoldAnswers)
            await _release.Task.WaitAsync(request.HttpContext.RequestAborted);
        if (FailWith is { } status)
            return Results.Json(new { error = new { message = "The server had an error while processing your request.", type = "server_error", param = (string?)null, code = (string?)null } }, statusCode: (int)status);

        return Results.Json(new
        {
            id = $"chatcmpl-{_requests.Count}",
            @object = "chat.completion",
            created = 1767225600,
            model,
            choices = new[]
            {
                new { index = 0, message = new { role = "assistant", content = Reply, refusal = (string?)null }, logprobs = (object?)null, finish_reason = "stop" },
            },
            usage = new { prompt_tokens = 120, completion_tokens = 20, total_tokens = 140 },
        });
    }

    /// <summary>Message content is either a string or an array of parts; the text of either.</summary>
    private static string ContentText(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString()!
        : string.Concat(content.EnumerateArray().Where(p => p.GetProperty("type").GetString() == "text").Select(p => p.GetProperty("text").GetString()));
}
