using System.Diagnostics.CodeAnalysis;
using VirtuOps.Domain.Common;

namespace VirtuOps.Domain.AccessLogs;

/// <summary>
/// One API request as the privacy policy describes "technical data": who called, from where, with which
/// browser and device, and with what outcome. Written after the fact and never changed.
/// </summary>
public sealed class AccessLogEntry : BaseEntity
{
    // The longest textual IPv6 address (IPv4-mapped, e.g. "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255").
    public const int IpAddressMaxLength = 45;
    public const int UserAgentMaxLength = 512;
    public const int ClientDescriptionMaxLength = 64;
    public const int MethodMaxLength = 16;
    public const int PathMaxLength = 1024;

    private AccessLogEntry(
        DateTimeOffset occurredAt,
        string? ipAddress,
        string? userAgent,
        string browser,
        string operatingSystem,
        string device,
        string method,
        string path,
        int statusCode,
        Guid? userId,
        Guid? tenantId)
    {
        OccurredAt = occurredAt;
        IpAddress = ipAddress;
        UserAgent = userAgent;
        Browser = browser;
        OperatingSystem = operatingSystem;
        Device = device;
        Method = method;
        Path = path;
        StatusCode = statusCode;
        UserId = userId;
        TenantId = tenantId;
    }

    public DateTimeOffset OccurredAt { get; private set; }

    public string? IpAddress { get; private set; }

    public string? UserAgent { get; private set; }

    /// <summary>Browser or client and its major version, e.g. "Chrome 142".</summary>
    public string Browser { get; private set; }

    /// <summary>e.g. "Windows 10/11", "iOS 18.1", "Android 14".</summary>
    public string OperatingSystem { get; private set; }

    /// <summary>e.g. "Desktop", "iPhone", "Android phone".</summary>
    public string Device { get; private set; }

    public string Method { get; private set; }

    /// <summary>The request path without its query string, which may carry tokens.</summary>
    public string Path { get; private set; }

    public int StatusCode { get; private set; }

    public Guid? UserId { get; private set; }

    public Guid? TenantId { get; private set; }

    /// <summary>Records a finished request; over-long client-supplied text is cut to the stored length.</summary>
    public static AccessLogEntry Record(
        DateTimeOffset occurredAt,
        string? ipAddress,
        string? userAgent,
        string browser,
        string operatingSystem,
        string device,
        string method,
        string path,
        int statusCode,
        Guid? userId,
        Guid? tenantId)
    {
        return new AccessLogEntry(
            occurredAt,
            Cut(ipAddress, IpAddressMaxLength),
            string.IsNullOrWhiteSpace(userAgent) ? null : Cut(userAgent, UserAgentMaxLength),
            Cut(browser, ClientDescriptionMaxLength),
            Cut(operatingSystem, ClientDescriptionMaxLength),
            Cut(device, ClientDescriptionMaxLength),
            Cut(method, MethodMaxLength),
            Cut(path, PathMaxLength),
            statusCode,
            userId,
            tenantId)
        {
            // The writer stores entries a moment after the request; an id from the request's own time keeps ids in request order.
            Id = Guid.CreateVersion7(occurredAt),
        };
    }

    [return: NotNullIfNotNull(nameof(value))]
    private static string? Cut(string? value, int maxLength) =>
        value is null || value.Length <= maxLength ? value : value[..maxLength];
}
