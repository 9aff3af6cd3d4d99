namespace VirtuOps.Application.Billing.Payments;

/// <summary>
/// Paylov refused a request or answered with something that cannot be trusted. For a charge this means Paylov
/// answered: a refused request moved no money. The message never holds card ids, keys or Paylov's body;
/// <see cref="Code"/> is Paylov's error code when it gave one.
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

    public PaylovException(string message, string? code) : base(message) => Code = code;

    public string? Code { get; }
}
