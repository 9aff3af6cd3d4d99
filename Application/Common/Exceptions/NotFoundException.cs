namespace VirtuOps.Application.Common.Exceptions;

/// <summary>The requested resource does not exist, or belongs to another tenant (HTTP 404).</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException()
    {
    }

    public NotFoundException(string message) : base(message)
    {
    }

    public NotFoundException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
