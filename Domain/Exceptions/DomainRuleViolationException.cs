namespace VirtuOps.Domain.Exceptions;

/// <summary>A request was understood but breaks a business rule (HTTP 422).</summary>
public sealed class DomainRuleViolationException : Exception
{
    public DomainRuleViolationException(string message) : base(message)
    {
    }

    public DomainRuleViolationException(string message, Exception innerException) : base(message, innerException)
    {
    }

    // The response shows the message: never the runtime's default, which names this type.
    public DomainRuleViolationException() : base("This breaks a business rule.")
    {
    }
}
