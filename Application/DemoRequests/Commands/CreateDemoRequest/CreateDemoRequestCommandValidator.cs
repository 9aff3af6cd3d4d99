using VirtuOps.Domain.DemoRequests;

namespace VirtuOps.Application.DemoRequests.Commands.CreateDemoRequest;

public sealed class CreateDemoRequestCommandValidator : AbstractValidator<CreateDemoRequestCommand>
{
    public CreateDemoRequestCommandValidator()
    {
        RuleFor(c => c.FullName).NotEmpty().MaximumLength(DemoRequest.FullNameMaxLength);
        RuleFor(c => c.Email).NotEmpty().EmailAddress().MaximumLength(DemoRequest.EmailMaxLength);
        RuleFor(c => c.CompanyName).NotEmpty().MaximumLength(DemoRequest.CompanyNameMaxLength);
        RuleFor(c => c.PhoneNumber)
            .MaximumLength(DemoRequest.PhoneNumberMaxLength)
            .Matches(@"^\+?[0-9 ()-]{7,}$").WithMessage("'Phone Number' must be a phone number, e.g. +998 90 123 45 67.")
            .When(c => !string.IsNullOrWhiteSpace(c.PhoneNumber));
        RuleFor(c => c.Message).MaximumLength(DemoRequest.MessageMaxLength);
    }
}
