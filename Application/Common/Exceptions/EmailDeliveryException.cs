namespace VirtuOps.Application.Common.Exceptions;

/// <summary>The mail server could not be reached or did not accept a message. The message never holds credentials.</summary>
public sealed class EmailDeliveryException : Exception
{
    public EmailDeliveryException()
    {
    }

    public EmailDeliveryException(string message) : base(message)
    {
    }

    public EmailDeliveryException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
