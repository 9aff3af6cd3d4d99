namespace VirtuOps.Application.Common.Interfaces;

/// <summary>
/// Makes a plan-limit check and the insert it allows one step. While the delegate given to <see cref="RunAsync"/>
/// runs, no other request of the current tenant, on any instance, passes this gate, so racing requests cannot together
/// exceed a limit. Count and save inside it; it commits when the delegate returns and rolls back when it throws.
/// </summary>
public interface ITenantLimitGate
{
    Task<T> RunAsync<T>(Func<Task<T>> checkAndSave, CancellationToken cancellationToken);
}
