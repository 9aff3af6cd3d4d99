using FluentValidation.Results;

namespace VirtuOps.Application.Common.Exceptions;

/// <summary>The message failed validation; <see cref="Errors"/> lists the messages per field (HTTP 400).</summary>
public sealed class ValidationException : Exception
{
    public ValidationException() : base("One or more validation failures have occurred.")
    {
        Errors = new Dictionary<string, string[]>();
    }

    public ValidationException(string message) : base(message)
    {
        Errors = new Dictionary<string, string[]>();
    }

    public ValidationException(string message, Exception innerException) : base(message, innerException)
    {
        Errors = new Dictionary<string, string[]>();
    }

    public ValidationException(IEnumerable<ValidationFailure> failures) : this()
    {
        Errors = failures
            .GroupBy(f => f.PropertyName, f => f.ErrorMessage)
            .ToDictionary(g => g.Key, g => g.Distinct().ToArray());
    }

    /// <summary>One failed field, for rules that only a handler can check (a wrong code, a used link).</summary>
    public static ValidationException ForField(string field, string message) =>
        new([new ValidationFailure(field, message)]);

    public IDictionary<string, string[]> Errors { get; }
}
