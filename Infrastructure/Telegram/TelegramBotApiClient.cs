using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using VirtuOps.Application.Channels.Common;
using VirtuOps.Infrastructure.Channels;
using static VirtuOps.Infrastructure.Telegram.TelegramWire;

namespace VirtuOps.Infrastructure.Telegram;

/// <summary>
/// <see cref="ITelegramBotApi"/> over <c>{BaseUrl}/bot&lt;token&gt;/&lt;method&gt;</c>. The HttpClient arrives with
/// the base address, a per-attempt timeout and retries for GETs only (see <see cref="ChannelApisServiceCollectionExtensions"/>).
/// </summary>
/// <remarks>
/// The bot token is part of the URL, so this client's HttpClient has its request logging removed and nothing here
/// puts a URL into a log or an exception message.
/// </remarks>
internal sealed class TelegramBotApiClient(HttpClient httpClient, ILogger<TelegramBotApiClient> logger) : ITelegramBotApi
{
    private const string Provider = "Telegram";

    public async Task<TelegramBotIdentity> GetMeAsync(string botToken, CancellationToken cancellationToken)
    {
        var me = await CallAsync<User>(HttpMethod.Get, botToken, "getMe", null, cancellationToken);
        return new TelegramBotIdentity(me.Id, me.Username ?? string.Empty, me.FirstName ?? string.Empty);
    }

    public async Task SetWebhookAsync(string botToken, Uri url, string secretToken, IReadOnlyList<string> allowedUpdates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        // Keep the updates Telegram holds while the webhook changes: they are the customers' messages.
        await CallAsync<bool>(HttpMethod.Post, botToken, "setWebhook", new SetWebhook(url.AbsoluteUri, secretToken, allowedUpdates, false), cancellationToken);
    }

    public async Task DeleteWebhookAsync(string botToken, CancellationToken cancellationToken) =>
        await CallAsync<bool>(HttpMethod.Post, botToken, "deleteWebhook", new DeleteWebhook(false), cancellationToken);

    public async Task<string> SendMessageAsync(string botToken, string chatId, string text, CancellationToken cancellationToken)
    {
        var message = await CallAsync<Message>(HttpMethod.Post, botToken, "sendMessage", new SendMessage(ChatId(chatId), text), cancellationToken);
        return message.MessageId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<T> CallAsync<T>(HttpMethod httpMethod, string botToken, string method, object? body, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(botToken);

        using var request = new HttpRequestMessage(httpMethod, new Uri($"bot{Uri.EscapeDataString(botToken)}/{method}", UriKind.Relative));
        if (body is not null)
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);

        using var response = await ChannelHttp.SendAsync(httpClient, request, Provider, method, logger, cancellationToken);
        var answer = await ChannelHttp.TryReadAsync<Answer<T>>(response, Json, cancellationToken);
        if (response.IsSuccessStatusCode && answer is { Ok: true, Result: { } result })
            return result;

        var failure = ToFailure(response, answer, method);
        logger.LogWarning("Telegram refused {Method}: {Failure} (error {ErrorCode})", method, failure.Failure, failure.ProviderCode);
        throw failure;
    }

    private static ChannelApiException ToFailure<T>(HttpResponseMessage response, Answer<T>? answer, string method)
    {
        var code = answer?.ErrorCode ?? (int)response.StatusCode;
        var providerCode = code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var description = ChannelHttp.Shorten(answer?.Description);
        if (code == (int)HttpStatusCode.TooManyRequests)
        {
            var retryAfter = answer?.Parameters?.RetryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : ChannelHttp.RetryAfter(response);
            return new ChannelApiException(ChannelFailure.RateLimited, $"Telegram rate-limited {method}: {description}", providerCode, retryAfter);
        }

        return code switch
        {
            >= 500 => new ChannelApiException(ChannelFailure.Transient, $"Telegram failed {method} with error {code}: {description}", providerCode),
            // A token Telegram does not know answers 401; a malformed one 404.
            (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.NotFound =>
                new ChannelApiException(ChannelFailure.Unauthorized, $"Telegram refused the bot token: {description}", providerCode),
            // A 2xx that is not {"ok":true,"result":..}: we cannot tell what happened, as with a timeout.
            < 300 => new ChannelApiException(ChannelFailure.Transient, $"Telegram answered {method} with an unreadable body.", providerCode),
            _ => new ChannelApiException(ChannelFailure.Rejected, $"Telegram refused {method}: {description}", providerCode),
        };
    }
}
