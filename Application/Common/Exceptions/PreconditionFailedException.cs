namespace VirtuOps.Application.Common.Exceptions;

/// <summary>The caller's <c>If-Match</c> names a version that is no longer current: someone else changed it (HTTP 412).</summary>
public sealed class PreconditionFailedException : Exception
{
    public const string DefaultMessage = "This was changed by someone else since you loaded it. Reload it and apply your change again.";

    // The response shows the message: never the runtime's default, which names this type.
    public PreconditionFailedException() : base(DefaultMessage)
    {
    }

    public PreconditionFailedException(string message) : base(message)
    {
    }

    public PreconditionFailedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
