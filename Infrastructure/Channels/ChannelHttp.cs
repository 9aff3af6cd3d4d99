using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using VirtuOps.Application.Channels.Common;

namespace VirtuOps.Infrastructure.Channels;

/// <summary>What the Telegram and Meta adapters do alike: send one request, turn a missing answer into a transient failure, read JSON.</summary>
internal static class ChannelHttp
{
    /// <summary>Sends one request; a connection failure or a timeout becomes <see cref="ChannelFailure.Transient"/>.</summary>
    /// <remarks>The exception and the log name the operation and the failure's type, never the URL: Telegram's holds the token.</remarks>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient httpClient, HttpRequestMessage request, string provider, string operation,
        ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await httpClient.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or ExecutionRejectedException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("{Provider} did not answer the request to {Operation} ({Failure})", provider, operation, ex.GetType().Name);
            throw new ChannelApiException(ChannelFailure.Transient, $"{provider} could not be reached or did not answer in time to {operation}.", inner: ex);
        }
    }

    /// <summary>The body as <typeparamref name="T"/>, or null when it is empty or not that JSON (an HTML error page from a proxy).</summary>
    public static async Task<T?> TryReadAsync<T>(HttpResponseMessage response, JsonSerializerOptions json, CancellationToken cancellationToken) where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(json, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            // A content type that is not JSON.
            return null;
        }
    }

    /// <summary>
    /// The <c>Retry-After</c> header as a delay. Only the seconds form: both providers use it, and a date would need
    /// the clock just to be turned back into a delay.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta is { } delay && delay >= TimeSpan.Zero ? delay : null;

    /// <summary>Provider messages are shown to owners and stored as the connection's last error: keep them short.</summary>
    public static string Shorten(string? text, int max = 300) =>
        string.IsNullOrWhiteSpace(text) ? "no description" : text.Length <= max ? text : text[..max];
}
