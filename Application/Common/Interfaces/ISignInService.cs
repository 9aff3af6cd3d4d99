namespace VirtuOps.Application.Common.Interfaces;

public enum PasswordCheckResult
{
    Succeeded = 0,
    Invalid = 1,
    LockedOut = 2,
}

/// <summary>The browser session: password checks with lockout, the two-factor step and the sign-in cookie.</summary>
public interface ISignInService
{
    /// <summary>
    /// Checks the password and counts the attempt towards the lockout of that e-mail address. An address without an
    /// account is treated alike (same check cost, same lockout), so the answer does not tell whether it has one.
    /// Returns the user only on success, and when locked out how long the lock still lasts.
    /// </summary>
    Task<(PasswordCheckResult Result, UserAccount? User, TimeSpan LockedFor)> CheckPasswordAsync(string email, string password, CancellationToken cancellationToken);

    /// <summary>Starts a session (recorded, listed to the user, revocable) and issues the sign-in cookie.</summary>
    Task SignInAsync(Guid userId, bool rememberMe, CancellationToken cancellationToken);

    /// <summary>Remembers, in a short-lived cookie, who passed the password step and now owes a code.</summary>
    Task BeginTwoFactorAsync(Guid userId, bool rememberMe);

    Task<(Guid UserId, bool RememberMe)?> GetPendingTwoFactorAsync();

    Task SignOutAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Ends every session of a user whose password or e-mail address just changed (which rotated the security
    /// stamp). If this browser is one of them it stays signed in only when <paramref name="keepThisBrowser"/>,
    /// with a cookie re-issued for the new stamp; otherwise it is signed out like the others.
    /// </summary>
    Task EndSessionsAsync(Guid userId, bool keepThisBrowser, CancellationToken cancellationToken);
}
