using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using VirtuOps.Application.Channels.Common;
using VirtuOps.Infrastructure.Channels;
using static VirtuOps.Infrastructure.Meta.MetaWire;

namespace VirtuOps.Infrastructure.Meta;

/// <summary>
/// <see cref="IMetaGraphApi"/> over the Graph API. The access token travels only in the Authorization header (never
/// as the <c>access_token</c> query parameter, which would put it in request logs). The HttpClient arrives with the
/// base address, a per-attempt timeout and retries for GETs only (see <see cref="ChannelApisServiceCollectionExtensions"/>).
/// </summary>
internal sealed class MetaGraphClient(HttpClient httpClient, ILogger<MetaGraphClient> logger) : IMetaGraphApi
{
    private const string Provider = "Meta";

    /// <summary>Graph error codes that mean "slow down": 4 and 613 (call rate), 80007 (Instagram), 130429 and 131056 (WhatsApp throughput, pair rate).</summary>
    private static readonly HashSet<int> RateLimitCodes = [4, 613, 80007, 130429, 131056];

    private const int InvalidTokenCode = 190;

    public async Task<WhatsAppNumberInfo> GetWhatsAppNumberAsync(string phoneNumberId, string accessToken, CancellationToken cancellationToken)
    {
        var number = await CallAsync<PhoneNumber>(HttpMethod.Get, $"{Escape(phoneNumberId)}?fields=display_phone_number,verified_name", accessToken,
            null, "read the WhatsApp number", cancellationToken);
        return new WhatsAppNumberInfo(number.DisplayPhoneNumber ?? string.Empty, number.VerifiedName ?? string.Empty);
    }

    public async Task<InstagramAccountInfo> GetInstagramAccountAsync(string accountId, string accessToken, CancellationToken cancellationToken)
    {
        var account = await CallAsync<InstagramAccount>(HttpMethod.Get, $"{Escape(accountId)}?fields=username", accessToken,
            null, "read the Instagram account", cancellationToken);
        return new InstagramAccountInfo(account.Id ?? accountId, account.Username ?? string.Empty);
    }

    public async Task<string> SendWhatsAppTextAsync(string phoneNumberId, string accessToken, string to, string text, CancellationToken cancellationToken)
    {
        var body = new WhatsAppText("whatsapp", "individual", to, "text", new WhatsAppTextBody(text));
        var sent = await CallAsync<WhatsAppSent>(HttpMethod.Post, $"{Escape(phoneNumberId)}/messages", accessToken, body, "send a WhatsApp message", cancellationToken);
        return sent.Messages is [{ Id: { Length: > 0 } id }, ..] ? id
            : throw new ChannelApiException(ChannelFailure.Transient, "Meta accepted a WhatsApp message without a message id.");
    }

    public async Task<string> SendInstagramTextAsync(string accountId, string accessToken, string recipientId, string text, bool humanAgent, CancellationToken cancellationToken)
    {
        // The HUMAN_AGENT tag lets a person answer up to 7 days after the customer's last message instead of 24 hours.
        var body = new InstagramText(new InstagramRecipient(recipientId), new InstagramMessage(text),
            humanAgent ? "MESSAGE_TAG" : null, humanAgent ? "HUMAN_AGENT" : null);
        var sent = await CallAsync<InstagramSent>(HttpMethod.Post, $"{Escape(accountId)}/messages", accessToken, body, "send an Instagram message", cancellationToken);
        return sent.MessageId is { Length: > 0 } id ? id
            : throw new ChannelApiException(ChannelFailure.Transient, "Meta accepted an Instagram message without a message id.");
    }

    public async Task UnsubscribeAppAsync(string accountId, string accessToken, CancellationToken cancellationToken)
    {
        var answer = await CallAsync<SuccessAnswer>(HttpMethod.Delete, $"{Escape(accountId)}/subscribed_apps", accessToken, null,
            "unsubscribe the app from the account's webhooks", cancellationToken);
        if (answer.Success is not true)
            throw new ChannelApiException(ChannelFailure.Transient, "Meta did not confirm that the app was unsubscribed from the account's webhooks.");
    }

    private static string Escape(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return Uri.EscapeDataString(id);
    }

    private async Task<T> CallAsync<T>(HttpMethod method, string path, string accessToken, object? body, string operation, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessToken);

        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (body is not null)
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);

        using var response = await ChannelHttp.SendAsync(httpClient, request, Provider, operation, logger, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return await ChannelHttp.TryReadAsync<T>(response, Json, cancellationToken)
                ?? throw new ChannelApiException(ChannelFailure.Transient, $"Meta answered the request to {operation} with an unreadable body.");
        }

        var error = (await ChannelHttp.TryReadAsync<ErrorAnswer>(response, Json, cancellationToken))?.Error;
        var failure = ToFailure(response, error, operation);
        logger.LogWarning("Meta refused the request to {Operation}: {Failure} (HTTP {Status}, error {ErrorCode}/{Subcode})",
            operation, failure.Failure, (int)response.StatusCode, error?.Code, error?.ErrorSubcode);
        throw failure;
    }

    private static ChannelApiException ToFailure(HttpResponseMessage response, GraphError? error, string operation)
    {
        var status = (int)response.StatusCode;
        var providerCode = error?.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var description = $"{ChannelHttp.Shorten(error?.Message)} (HTTP {status}{(providerCode is null ? "" : $", code {providerCode}")})";

        if (response.StatusCode == HttpStatusCode.TooManyRequests || (error?.Code is { } code && RateLimitCodes.Contains(code)))
            return new ChannelApiException(ChannelFailure.RateLimited, $"Meta rate-limited the request to {operation}: {description}", providerCode, ChannelHttp.RetryAfter(response));
        if (status >= 500)
            return new ChannelApiException(ChannelFailure.Transient, $"Meta failed the request to {operation}: {description}", providerCode);
        if (response.StatusCode == HttpStatusCode.Unauthorized || error?.Code == InvalidTokenCode)
            return new ChannelApiException(ChannelFailure.Unauthorized, $"Meta refused the access token: {description}", providerCode);
        // 131047 (outside the 24-hour window), a blocked user, a bad request: sending again changes nothing.
        return new ChannelApiException(ChannelFailure.Rejected, $"Meta refused the request to {operation}: {description}", providerCode);
    }
}
