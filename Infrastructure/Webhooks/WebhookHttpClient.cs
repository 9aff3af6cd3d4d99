using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Webhooks.Common;
using VirtuOps.Application.Webhooks.Delivery;

namespace VirtuOps.Infrastructure.Webhooks;

/// <summary>
/// Posts events to receivers. The connection is made only to the address the host name resolves to at that moment, and
/// only when it is public (unless <see cref="WebhookOptions.AllowPrivateAddresses"/>), so a name that was public when
/// the subscription was created cannot later lead into our network. Redirects are not followed: a 3xx is a failure.
/// </summary>
internal sealed class WebhookHttpClient(IHttpClientFactory httpClients, IOptions<WebhookOptions> options) : IWebhookClient
{
    public const string HttpClientName = "webhooks";

    public async Task<WebhookPostResult> PostAsync(string url, string body, string signature, Guid eventId, string eventType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.HeaderName, signature);
        request.Headers.Add("X-VirtuOps-Event-Id", eventId.ToString());
        request.Headers.Add("X-VirtuOps-Event-Type", eventType);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return new WebhookPostResult((int)response.StatusCode, Stopwatch.GetElapsedTime(started), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookPostResult(null, Stopwatch.GetElapsedTime(started),
                $"The receiver did not answer within {options.Value.Timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException exception)
        {
            var reason = exception.InnerException is WebhookTargetRefusedException refused ? refused.Message : $"The receiver could not be reached ({exception.HttpRequestError}).";
            return new WebhookPostResult(null, Stopwatch.GetElapsedTime(started), reason);
        }
    }

    /// <summary>The handler behind <see cref="HttpClientName"/>: connects only to the addresses <see cref="WebhookTargetGuard"/> allows.</summary>
    public static SocketsHttpHandler CreateHandler(IOptions<WebhookOptions> options) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = options.Value.Timeout,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            if (!options.Value.AllowPrivateAddresses && addresses.Any(WebhookTargetGuard.IsInternal))
                throw new WebhookTargetRefusedException("The receiver's host name resolves to a private, loopback or link-local address.");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}

internal sealed class WebhookTargetRefusedException(string message) : Exception(message);
