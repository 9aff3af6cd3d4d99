namespace VirtuOps.Application.Common.Exceptions;

/// <summary>The caller is signed in but may not do this (HTTP 403).</summary>
public sealed class ForbiddenAccessException : Exception
{
    // The response shows the message: never the runtime's default, which names this type.
    public ForbiddenAccessException() : base("You are not allowed to do this.")
    {
    }

    public ForbiddenAccessException(string message) : base(message)
    {
    }

    public ForbiddenAccessException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
