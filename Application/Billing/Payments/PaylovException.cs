namespace VirtuOps.Application.Billing.Payments;

/// <summary>
/// Paylov refused a request or answered with something that cannot be trusted. For a charge this means Paylov
/// answered: a refused request moved no money. The message never holds card tokens, keys or Paylov's body.
/// </summary>
public class PaylovException : Exception
{
    public PaylovException()
    {
    }

    public PaylovException(string message) : base(message)
    {
    }

    public PaylovException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
