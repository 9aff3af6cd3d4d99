namespace VirtuOps.Application.Common.Interfaces;

/// <summary>A user account as the use cases see it.</summary>
public sealed record UserAccount(
    Guid Id,
    Guid? TenantId,
    string FullName,
    string Email,
    string? PhoneNumber,
    bool PhoneNumberConfirmed,
    bool TwoFactorEnabled,
    IReadOnlyList<string> Roles);

/// <summary>User accounts (ASP.NET Core Identity behind it). Failures of password rules surface as validation errors on the request's password field ("password", or "newPassword" on reset and change).</summary>
public interface IIdentityService
{
    Task<UserAccount?> FindByIdAsync(Guid userId, CancellationToken cancellationToken);

    Task<UserAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the user, saving in the same transaction whatever the caller already added to the database context
    /// (the tenant, consent records), so a failure leaves nothing behind.
    /// </summary>
    Task CreateUserAsync(Guid userId, Guid? tenantId, string fullName, string email, string? password, string? phoneNumber, string role, CancellationToken cancellationToken);

    /// <summary>Spends on the password what creating an account with it costs, for answers that must take as long as that.</summary>
    void HashPasswordForNobody(string password);

    /// <summary>For the link that confirms a new sign-up's e-mail address.</summary>
    Task<string> CreateRegistrationTokenAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// Confirms the e-mail address of a sign-up, which makes it an account that can sign in. False when the token is
    /// wrong or expired, or the address was already confirmed (a link works once).
    /// </summary>
    Task<bool> ConfirmRegistrationAsync(Guid userId, string token, CancellationToken cancellationToken);

    Task UpdateFullNameAsync(Guid userId, string fullName, CancellationToken cancellationToken);

    /// <summary>Sets a new, unconfirmed phone number (it must be verified again).</summary>
    Task SetPhoneNumberAsync(Guid userId, string phoneNumber, CancellationToken cancellationToken);

    Task ConfirmPhoneNumberAsync(Guid userId, string phoneNumber, CancellationToken cancellationToken);

    Task SetTwoFactorAsync(Guid userId, bool enabled, CancellationToken cancellationToken);

    Task<string> CreatePasswordResetTokenAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>False when the token is wrong, expired or already used.</summary>
    Task<bool> ResetPasswordAsync(Guid userId, string token, string newPassword, CancellationToken cancellationToken);

    /// <summary>
    /// Sets a new password (which rotates the security stamp) if the current one is right; false when it is not.
    /// Password rule failures are validation errors on "newPassword".
    /// </summary>
    Task<bool> ChangePasswordAsync(Guid userId, string currentPassword, string newPassword, CancellationToken cancellationToken);

    Task<string> CreateChangeEmailTokenAsync(Guid userId, string newEmail, CancellationToken cancellationToken);

    /// <summary>False when the token is wrong, expired or already used.</summary>
    Task<bool> ChangeEmailAsync(Guid userId, string newEmail, string token, CancellationToken cancellationToken);

    Task<IReadOnlyList<UserAccount>> ListTenantUsersAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>The platform's staff: every Admin and Support user with an e-mail address.</summary>
    Task<IReadOnlyList<UserAccount>> ListStaffAsync(CancellationToken cancellationToken);

    /// <summary>Each tenant's owner's e-mail address (the first owner by name); tenants without an owner are left out.</summary>
    Task<IReadOnlyDictionary<Guid, string>> FindOwnerEmailsAsync(IReadOnlyCollection<Guid> tenantIds, CancellationToken cancellationToken);

    /// <summary>
    /// The tenants one of whose people has this e-mail address (any case) or this E.164 mobile number: for platform
    /// staff looking a customer up. Both lookups use an index.
    /// </summary>
    Task<IReadOnlyList<Guid>> FindTenantIdsByContactAsync(string? email, string? phoneNumber, CancellationToken cancellationToken);

    Task DeleteUserAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>A new security stamp: cookies and tokens issued before it are refused.</summary>
    Task RotateSecurityStampAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="userIds"/> that are still accounts (the others were removed).</summary>
    Task<IReadOnlySet<Guid>> FindExistingUserIdsAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken);
}
