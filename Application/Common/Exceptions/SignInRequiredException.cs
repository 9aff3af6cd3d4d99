namespace VirtuOps.Application.Common.Exceptions;

/// <summary>
/// The caller must sign in (again) first (HTTP 401). Ours, not the runtime's <see cref="UnauthorizedAccessException"/>,
/// whose messages (a denied file path, say) must never reach a response.
/// </summary>
public sealed class SignInRequiredException : Exception
{
    public SignInRequiredException() : base("Sign in to do this.")
    {
    }

    public SignInRequiredException(string message) : base(message)
    {
    }

    public SignInRequiredException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
