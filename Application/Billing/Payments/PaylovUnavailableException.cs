namespace VirtuOps.Application.Billing.Payments;

/// <summary>
/// Paylov could not be reached, did not answer in time, or kept failing with server errors after the retries.
/// For a charge the outcome is unknown: the card may have been charged. Reconcile with
/// <see cref="IPaylovClient.GetTransactionAsync"/> (or retry with the same idempotency key), never by charging
/// with a new key.
/// </summary>
public sealed class PaylovUnavailableException : PaylovException
{
    public PaylovUnavailableException()
    {
    }

    public PaylovUnavailableException(string message) : base(message)
    {
    }

    public PaylovUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
