using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Webhooks.Common;

namespace VirtuOps.Infrastructure.Webhooks;

/// <summary>
/// Keeps webhooks out of our own network (SSRF): a URL whose host is or resolves to a loopback, private, link-local,
/// unique-local, carrier-grade NAT, multicast or unspecified address is refused. Checked when a subscription is created
/// and again on the address each delivery actually connects to (the delivery client checks it on connect), since DNS can change.
/// </summary>
internal sealed class WebhookTargetGuard(IOptions<WebhookOptions> options) : IWebhookTargetGuard
{
    public async Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken)
    {
        if (options.Value.AllowPrivateAddresses)
            return null;
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(url.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(url.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return "The URL's host name could not be resolved.";
        }

        return addresses.Length == 0 ? "The URL's host name could not be resolved."
            : addresses.Any(IsInternal) ? "The URL leads to a private, loopback or link-local address; use a public address."
            : null;
    }

    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
            return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => true,
            100 => b[1] is >= 64 and <= 127, // carrier-grade NAT
            169 => b[1] == 254, // link-local, cloud metadata
            172 => b[1] is >= 16 and <= 31,
            192 => b[1] == 168 || (b[1] == 0 && b[2] == 0),
            198 => b[1] is 18 or 19, // benchmarking networks
            >= 224 => true, // multicast and reserved
            _ => false,
        };
    }
}
