using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using VirtuOps.Application.Common.Exceptions;
using VirtuOps.Application.Common.Interfaces;

namespace VirtuOps.Infrastructure.Sms;

/// <summary>Sends SMS through Eskiz.uz (<c>POST api/message/sms/send</c>, form fields, bearer token).</summary>
internal sealed class EskizSmsSender(
    HttpClient httpClient,
    EskizTokenProvider tokens,
    IOptions<EskizOptions> options,
    ILogger<EskizSmsSender> logger) : ISmsSender
{
    public async Task<SmsReceipt> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        // Eskiz wants the number as digits only: +998 90 123-45-67 becomes 998901234567.
        var mobilePhone = new string(message.PhoneNumber.Where(char.IsAsciiDigit).ToArray());
        if (mobilePhone.Length == 0)
            throw new ArgumentException("The phone number has no digits.", nameof(message));

        var token = await tokens.GetTokenAsync(cancellationToken);
        var response = await PostAsync(mobilePhone, message.Text, token, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            // The token expired or was revoked. A 401 means the gateway refused the request and sent nothing, so
            // repeating it once with a fresh token cannot deliver the SMS twice.
            response.Dispose();
            logger.LogInformation("Eskiz rejected the cached token; logging in again");
            token = await tokens.RefreshAsync(token, cancellationToken);
            response = await PostAsync(mobilePhone, message.Text, token, cancellationToken);
        }

        using (response)
        {
            // The body is not quoted: gateways echo the text, and an SMS text may hold a one-time code.
            if (!response.IsSuccessStatusCode)
                throw new SmsDeliveryException($"Eskiz did not accept the SMS: HTTP {(int)response.StatusCode}.");

            var sent = await ReadJsonAsync<SendResponse>(response, cancellationToken);
            var providerMessageId = sent?.Id.ValueKind switch
            {
                JsonValueKind.String => sent.Id.GetString(),
                JsonValueKind.Number => sent.Id.GetRawText(),
                _ => null,
            };
            if (string.IsNullOrEmpty(providerMessageId))
                throw new SmsDeliveryException("Eskiz answered the SMS without a message id.");

            logger.LogInformation("Eskiz accepted SMS {ProviderMessageId}", providerMessageId);
            return new SmsReceipt(providerMessageId);
        }
    }

    private async Task<HttpResponseMessage> PostAsync(string mobilePhone, string text, string token, CancellationToken cancellationToken)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(mobilePhone), "mobile_phone" },
            { new StringContent(text), "message" },
            { new StringContent(options.Value.From), "from" },
        };
        if (CallbackUrl() is { } callbackUrl)
            form.Add(new StringContent(callbackUrl), "callback_url");

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/message/sms/send", UriKind.Relative)) { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            return await httpClient.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            throw new SmsDeliveryException("Eskiz could not be reached or did not answer in time; the SMS may or may not have been sent.", ex);
        }
    }

    private string? CallbackUrl() =>
        string.IsNullOrWhiteSpace(options.Value.CallbackUrl)
            ? null
            : QueryHelpers.AddQueryString(options.Value.CallbackUrl, "secret", options.Value.CallbackSecret ?? string.Empty);

    /// <summary>
    /// A failed connection, a timeout or an open circuit breaker (Polly's rejections), as opposed to the caller
    /// cancelling.
    /// </summary>
    internal static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or ExecutionRejectedException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    internal static async Task<T?> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new SmsDeliveryException($"Eskiz answered HTTP {(int)response.StatusCode} with a body that is not the expected JSON.", ex);
        }
    }

    private sealed record SendResponse([property: JsonPropertyName("id")] JsonElement Id);
}
