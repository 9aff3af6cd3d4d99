namespace VirtuOps.Application.Common.Exceptions;

/// <summary>The caller is signed in but may not do this (HTTP 403).</summary>
public sealed class ForbiddenAccessException : Exception
{
    public ForbiddenAccessException()
    {
    }

    public ForbiddenAccessException(string message) : base(message)
    {
    }

    public ForbiddenAccessException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
