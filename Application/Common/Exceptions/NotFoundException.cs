namespace VirtuOps.Application.Common.Exceptions;

/// <summary>The requested resource does not exist, or belongs to another tenant (HTTP 404).</summary>
public sealed class NotFoundException : Exception
{
    // The response shows the message: never the runtime's default, which names this type.
    public NotFoundException() : base("The requested item does not exist.")
    {
    }

    public NotFoundException(string message) : base(message)
    {
    }

    public NotFoundException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
