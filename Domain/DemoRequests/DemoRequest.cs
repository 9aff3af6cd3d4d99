using VirtuOps.Domain.Common;

namespace VirtuOps.Domain.DemoRequests;

/// <summary>A prospect's request, from the public site, for a product demonstration.</summary>
public sealed class DemoRequest : BaseAuditableEntity
{
    public const int FullNameMaxLength = 200;
    public const int EmailMaxLength = 254;
    public const int CompanyNameMaxLength = 200;
    public const int PhoneNumberMaxLength = 32;
    public const int MessageMaxLength = 2000;

    private DemoRequest(string fullName, string email, string companyName, string? phoneNumber, string? message)
    {
        FullName = fullName;
        Email = email;
        CompanyName = companyName;
        PhoneNumber = phoneNumber;
        Message = message;
    }

    public string FullName { get; private set; }

    public string Email { get; private set; }

    public string CompanyName { get; private set; }

    public string? PhoneNumber { get; private set; }

    public string? Message { get; private set; }

    public static DemoRequest Submit(string fullName, string email, string companyName, string? phoneNumber, string? message)
    {
        var request = new DemoRequest(
            fullName.Trim(),
            email.Trim().ToLowerInvariant(),
            companyName.Trim(),
            string.IsNullOrWhiteSpace(phoneNumber) ? null : phoneNumber.Trim(),
            string.IsNullOrWhiteSpace(message) ? null : message.Trim());
        request.AddDomainEvent(new DemoRequestSubmittedEvent(request.Id));
        return request;
    }
}
