namespace VirtuOps.Application.Common.Exceptions;

/// <summary>The request conflicts with the current state, e.g. a duplicate (HTTP 409).</summary>
public sealed class ConflictException : Exception
{
    // The response shows the message: never the runtime's default, which names this type.
    public ConflictException() : base("This conflicts with the current state.")
    {
    }

    public ConflictException(string message) : base(message)
    {
    }

    public ConflictException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
