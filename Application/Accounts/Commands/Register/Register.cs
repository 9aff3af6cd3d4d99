using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;
using VirtuOps.Application.Common.Phones;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Consents;
using VirtuOps.Domain.Tenants;
using VirtuOps.Domain.Verification;

namespace VirtuOps.Application.Accounts.Commands.Register;

/// <summary>
/// A business signs up: its tenant and Owner account are created, both acceptances are recorded, the user is
/// signed in and an SMS code is sent to verify the phone.
/// </summary>
public sealed record RegisterCommand(
    string FullName,
    string Email,
    string Password,
    string PhoneNumber,
    string CompanyName,
    string? AcceptedPrivacyPolicyVersion,
    string? AcceptedPublicOfferVersion) : ICommand<RegisteredAccountDto>;

public sealed record RegisteredAccountDto(Guid UserId, Guid TenantId, string MaskedPhoneNumber);

public sealed class RegisterCommandHandler(
    IApplicationDbContext context,
    IIdentityService identity,
    ISignInService signIn,
    OneTimeCodes codes,
    IClientInfo client,
    IOptions<LegalDocumentsOptions> legal,
    TimeProvider time) : ICommandHandler<RegisterCommand, RegisteredAccountDto>
{
    public async ValueTask<RegisteredAccountDto> Handle(RegisterCommand command, CancellationToken cancellationToken)
    {
        var email = command.Email.Trim();
        if (await identity.FindByEmailAsync(email, cancellationToken) is not null)
            throw new ConflictException("An account with this e-mail already exists. Sign in or reset the password.");

        var phone = MobilePhoneNumbers.ToE164Mobile(command.PhoneNumber)!;
        var tenant = Tenant.Create(command.CompanyName);
        context.Tenants.Add(tenant);

        var userId = Guid.CreateVersion7();
        var now = time.GetUtcNow();
        context.ConsentRecords.Add(ConsentRecord.Grant(userId, tenant.Id, ConsentKind.PrivacyPolicy, legal.Value.PrivacyPolicyVersion, now, client.IpAddress, client.UserAgent));
        context.ConsentRecords.Add(ConsentRecord.Grant(userId, tenant.Id, ConsentKind.PublicOffer, legal.Value.PublicOfferVersion, now, client.IpAddress, client.UserAgent));
        await identity.CreateUserAsync(userId, tenant.Id, command.FullName.Trim(), email, command.Password, phone, Roles.Owner, cancellationToken);

        await signIn.SignInAsync(userId, rememberMe: false, cancellationToken);
        await codes.SendAsync(userId, OneTimeCodePurpose.PhoneVerification, phone, cancellationToken);

        return new RegisteredAccountDto(userId, tenant.Id, MobilePhoneNumbers.Mask(phone));
    }
}
