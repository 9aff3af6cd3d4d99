using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Billing.Payments;
using static VirtuOps.Infrastructure.Paylov.PaylovWire;

namespace VirtuOps.Infrastructure.Paylov;

/// <summary>
/// Paylov's OAuth2 access token, shared by every request of this process: fetched with the password grant
/// (<c>Authorization: Basic consumer_key:consumer_secret</c>), refreshed with the refresh token shortly before it
/// expires, and fetched anew when Paylov rejects it. One caller fetches while the others wait for its token.
/// </summary>
internal sealed class PaylovTokens(IHttpClientFactory httpClients, IOptions<PaylovOptions> options, TimeProvider time, ILogger<PaylovTokens> logger) : IDisposable
{
    public const string HttpClientName = "Paylov.Token";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Token? _current;

    /// <summary>A valid access token; <paramref name="rejected"/> is one Paylov just answered 401 to, which is never returned again.</summary>
    public async Task<string> GetAsync(string? rejected, CancellationToken cancellationToken)
    {
        if (Usable(_current, rejected) is { } token)
            return token;

        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have fetched one while this one waited.
            if (Usable(_current, rejected) is { } fetched)
                return fetched;

            Token? next = null;
            if (_current is { } current && current.AccessToken != rejected && time.GetUtcNow() < current.RefreshExpiresAt)
                next = await TryRefreshAsync(current, cancellationToken);
            next ??= await RequestAsync(new TokenRequest("password", options.Value.UserName, options.Value.Password), cancellationToken);
            _current = next;
            return next.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private string? Usable(Token? token, string? rejected) =>
        token is not null && token.AccessToken != rejected && time.GetUtcNow() < token.ExpiresAt - options.Value.TokenRefreshMargin
            ? token.AccessToken
            : null;

    private async Task<Token?> TryRefreshAsync(Token current, CancellationToken cancellationToken)
    {
        try
        {
            return await RequestAsync(new TokenRequest("refresh_token", RefreshToken: current.RefreshToken), cancellationToken);
        }
        catch (PaylovException ex) when (ex is not PaylovUnavailableException)
        {
            // A refused refresh (expired, revoked) is answered by signing in again.
            logger.LogInformation("Paylov refused the token refresh ({Code}); signing in again", ex.Code);
            return null;
        }
    }

    private async Task<Token> RequestAsync(TokenRequest body, CancellationToken cancellationToken)
    {
        var paylov = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(TokenPath, UriKind.Relative))
        {
            Content = JsonContent.Create(body, options: Json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{paylov.ConsumerKey}:{paylov.ConsumerSecret}")));

        var now = time.GetUtcNow();
        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new PaylovUnavailableException("Paylov did not answer the token request.", ex);
        }

        using (response)
        {
            if ((int)response.StatusCode >= 500)
                throw new PaylovUnavailableException($"Paylov failed the token request with HTTP {(int)response.StatusCode}.");

            JsonElement answer;
            try
            {
                answer = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
            }
            catch (JsonException ex)
            {
                throw new PaylovException($"Paylov answered the token request (HTTP {(int)response.StatusCode}) with a body that is not JSON.", ex);
            }

            // OAuth2 answers flat; accept the {result, error} envelope too.
            var (result, error) = PaylovClient.Unwrap(answer);
            if (error is not null || !response.IsSuccessStatusCode)
            {
                var code = error?.Code ?? (answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null);
                throw new PaylovException($"Paylov refused the token request ({code ?? "HTTP " + (int)response.StatusCode}).", code);
            }

            var token = result.Deserialize<TokenAnswer>(Json);
            if (string.IsNullOrEmpty(token?.AccessToken))
                throw new PaylovException("Paylov answered the token request without an access token.");
            return new Token(token.AccessToken, token.RefreshToken,
                now.AddSeconds(token.ExpiresIn ?? 3600), now.AddSeconds(token.RefreshToken is null ? 0 : token.RefreshExpiresIn ?? 604800));
        }
    }

    private sealed record Token(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt, DateTimeOffset RefreshExpiresAt);
}

/// <summary>Puts the bearer token on every request and, when Paylov answers 401, fetches a new one and sends the request once more.</summary>
internal sealed class PaylovAuthenticationHandler(PaylovTokens tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(rejected: null, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized)
            return response;

        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(rejected: token, cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
