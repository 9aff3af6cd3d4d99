using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;
using VirtuOps.Application.Common.Phones;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.Accounts.Commands.Register;

public sealed class RegisterCommandValidator : AbstractValidator<RegisterCommand>
{
    public RegisterCommandValidator(IOptions<LegalDocumentsOptions> legal)
    {
        RuleFor(c => c.FullName).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Email).NotEmpty().EmailAddress().MaximumLength(254);
        RuleFor(c => c.Password).StrongPassword();
        RuleFor(c => c.PhoneNumber).NotEmpty().MobilePhoneNumber();
        RuleFor(c => c.CompanyName).NotEmpty().MaximumLength(Tenant.NameMaxLength);
        RuleFor(c => c.ReferralCode).MaximumLength(32);
        RuleFor(c => c.AcceptedPrivacyPolicyVersion)
            .Equal(legal.Value.PrivacyPolicyVersion)
            .WithMessage($"Accept the Privacy Policy (version {legal.Value.PrivacyPolicyVersion}) to sign up.");
        RuleFor(c => c.AcceptedPublicOfferVersion)
            .Equal(legal.Value.PublicOfferVersion)
            .WithMessage($"Accept the Public Offer (version {legal.Value.PublicOfferVersion}) to sign up.");
    }
}
