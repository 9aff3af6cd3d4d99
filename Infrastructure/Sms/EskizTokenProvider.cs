using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Common.Exceptions;

namespace VirtuOps.Infrastructure.Sms;

/// <summary>
/// Holds the Eskiz bearer token for the whole process (it is valid for weeks) and logs in when there is none or
/// the gateway rejected it. Only one login runs at a time; callers that waited behind it use the token it fetched.
/// </summary>
internal sealed class EskizTokenProvider(IHttpClientFactory httpClientFactory, IOptions<EskizOptions> options) : IDisposable
{
    public const string HttpClientName = "Eskiz.Auth";

    private readonly SemaphoreSlim _login = new(1, 1);
    private volatile string? _token;

    public Task<string> GetTokenAsync(CancellationToken cancellationToken) =>
        _token is { } token ? Task.FromResult(token) : LogInOnceAsync(rejectedToken: null, cancellationToken);

    /// <summary>Replaces a token the gateway rejected, unless another caller already did.</summary>
    public Task<string> RefreshAsync(string rejectedToken, CancellationToken cancellationToken) =>
        LogInOnceAsync(rejectedToken, cancellationToken);

    public void Dispose() => _login.Dispose();

    private async Task<string> LogInOnceAsync(string? rejectedToken, CancellationToken cancellationToken)
    {
        await _login.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } current && current != rejectedToken)
                return current;

            _token = await LogInAsync(cancellationToken);
            return _token;
        }
        finally
        {
            _login.Release();
        }
    }

    private async Task<string> LogInAsync(CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(options.Value.Email), "email" },
            { new StringContent(options.Value.Password), "password" },
        };

        HttpResponseMessage response;
        try
        {
            response = await httpClientFactory.CreateClient(HttpClientName).PostAsync(new Uri("api/auth/login", UriKind.Relative), form, cancellationToken);
        }
        catch (Exception ex) when (EskizSmsSender.IsTransportFailure(ex, cancellationToken))
        {
            throw new SmsDeliveryException("Could not reach Eskiz to log in.", ex);
        }

        using (response)
        {
            // Neither the body nor the credentials go into the message: only what an operator needs to act.
            if (!response.IsSuccessStatusCode)
                throw new SmsDeliveryException(
                    $"Eskiz refused the login with HTTP {(int)response.StatusCode}; check Sms:Eskiz:Email and Sms:Eskiz:Password.");

            var body = await EskizSmsSender.ReadJsonAsync<LoginResponse>(response, cancellationToken);
            return body?.Data?.Token is { Length: > 0 } token
                ? token
                : throw new SmsDeliveryException("Eskiz accepted the login but sent no token.");
        }
    }

    private sealed record LoginResponse([property: JsonPropertyName("data")] LoginData? Data);

    private sealed record LoginData([property: JsonPropertyName("token")] string? Token);
}
