namespace VirtuOps.Application.Common.Exceptions;

/// <summary>
/// The SMS gateway could not be reached or did not accept a message. The message never holds credentials, tokens
/// or the text sent.
/// </summary>
public sealed class SmsDeliveryException : Exception
{
    public SmsDeliveryException()
    {
    }

    public SmsDeliveryException(string message) : base(message)
    {
    }

    public SmsDeliveryException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
