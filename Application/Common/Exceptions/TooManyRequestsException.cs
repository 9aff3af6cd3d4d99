namespace VirtuOps.Application.Common.Exceptions;

/// <summary>The caller must wait before trying again (HTTP 429 with Retry-After).</summary>
public sealed class TooManyRequestsException : Exception
{
    // The response shows the message: never the runtime's default, which names this type.
    public TooManyRequestsException() : base("Too many requests. Try again later.")
    {
    }

    public TooManyRequestsException(string message) : base(message)
    {
    }

    public TooManyRequestsException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public TooManyRequestsException(string message, TimeSpan retryAfter) : base(message) => RetryAfter = retryAfter;

    public TimeSpan RetryAfter { get; }
}
