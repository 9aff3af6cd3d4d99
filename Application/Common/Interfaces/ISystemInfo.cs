namespace VirtuOps.Application.Common.Interfaces;

/// <summary>Facts about the running deployment, for the status page and support.</summary>
public interface ISystemInfo
{
    string ApplicationName { get; }

    string Version { get; }

    string EnvironmentName { get; }

    string DatabaseProvider { get; }

    /// <summary>Whether SMS and e-mails are kept in the development outbox (Development only) instead of sent.</summary>
    bool HasDevOutbox { get; }

    Task<bool> CanConnectToDatabaseAsync(CancellationToken cancellationToken);
}
