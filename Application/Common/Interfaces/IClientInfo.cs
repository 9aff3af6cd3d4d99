namespace VirtuOps.Application.Common.Interfaces;

/// <summary>Where the current request came from; recorded with consents and sessions.</summary>
public interface IClientInfo
{
    string? IpAddress { get; }

    string? UserAgent { get; }
}
