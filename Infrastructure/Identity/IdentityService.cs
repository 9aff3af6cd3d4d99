using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.Common;
using VirtuOps.Infrastructure.Data;
using ValidationException = VirtuOps.Application.Common.Exceptions.ValidationException;

namespace VirtuOps.Infrastructure.Identity;

internal sealed class IdentityService(UserManager<ApplicationUser> users, ApplicationDbContext context) : IIdentityService
{
    public async Task<UserAccount?> FindByIdAsync(Guid userId, CancellationToken cancellationToken) =>
        await ToAccountAsync(await users.FindByIdAsync(userId.ToString()));

    public async Task<UserAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        await ToAccountAsync(await users.FindByEmailAsync(email));

    public async Task CreateUserAsync(Guid userId, Guid? tenantId, string fullName, string email, string? password, string? phoneNumber, string role, CancellationToken cancellationToken)
    {
        var user = new ApplicationUser
        {
            Id = userId,
            TenantId = tenantId,
            FullName = fullName,
            UserName = email,
            Email = email,
            PhoneNumber = phoneNumber,
        };

        // UserManager saves through the same DbContext, so the caller's pending rows (tenant, consents) are saved
        // with the user; the transaction also covers the role assignment.
        // SQL Server's retrying execution strategy refuses a transaction begun outside it, so the strategy runs it.
        await context.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            ThrowIfFailed(password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password));
            ThrowIfFailed(await users.AddToRoleAsync(user, role));
            await transaction.CommitAsync(cancellationToken);
        });
    }

    public void HashPasswordForNobody(string password) => users.PasswordHasher.HashPassword(new ApplicationUser(), password);

    public async Task<string> CreateRegistrationTokenAsync(Guid userId, CancellationToken cancellationToken) =>
        await users.GenerateEmailConfirmationTokenAsync(await RequiredAsync(userId));

    public async Task<bool> ConfirmRegistrationAsync(Guid userId, string token, CancellationToken cancellationToken)
    {
        // Invited agents (no password) confirm their address by setting a password from their link instead.
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || user.EmailConfirmed || user.PasswordHash is null)
            return false;
        // A parallel confirmation of the same link fails here on the row's concurrency stamp.
        return (await users.ConfirmEmailAsync(user, token)).Succeeded;
    }

    public async Task UpdateFullNameAsync(Guid userId, string fullName, CancellationToken cancellationToken)
    {
        var user = await RequiredAsync(userId);
        user.FullName = fullName;
        ThrowIfFailed(await users.UpdateAsync(user));
    }

    public async Task SetPhoneNumberAsync(Guid userId, string phoneNumber, CancellationToken cancellationToken)
    {
        var user = await RequiredAsync(userId);
        user.PhoneNumber = phoneNumber;
        user.PhoneNumberConfirmed = false;
        ThrowIfFailed(await users.UpdateAsync(user));
    }

    public async Task ConfirmPhoneNumberAsync(Guid userId, string phoneNumber, CancellationToken cancellationToken)
    {
        var user = await RequiredAsync(userId);
        if (user.PhoneNumber != phoneNumber)
            throw ValidationException.ForField("code", "The phone number changed after this code was sent. Ask for a new code.");
        user.PhoneNumberConfirmed = true;
        ThrowIfFailed(await users.UpdateAsync(user));
    }

    public async Task SetTwoFactorAsync(Guid userId, bool enabled, CancellationToken cancellationToken) =>
        ThrowIfFailed(await users.SetTwoFactorEnabledAsync(await RequiredAsync(userId), enabled));

    public async Task<string> CreatePasswordResetTokenAsync(Guid userId, CancellationToken cancellationToken) =>
        await users.GeneratePasswordResetTokenAsync(await RequiredAsync(userId));

    public async Task<bool> ResetPasswordAsync(Guid userId, string token, string newPassword, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
            return false;
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (result.Succeeded)
        {
            // Following an e-mailed link proves the address too (this is how invited agents activate).
            if (!user.EmailConfirmed)
            {
                user.EmailConfirmed = true;
                await users.UpdateAsync(user);
            }

            return true;
        }

        // A used link fails because the password change rotated the security stamp the token was bound to.
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            return false;
        ThrowIfFailed(result, passwordField: "newPassword");
        return false;
    }

    public async Task<bool> ChangePasswordAsync(Guid userId, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var result = await users.ChangePasswordAsync(await RequiredAsync(userId), currentPassword, newPassword);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            return false;
        ThrowIfFailed(result, passwordField: "newPassword");
        return true;
    }

    public async Task<string> CreateChangeEmailTokenAsync(Guid userId, string newEmail, CancellationToken cancellationToken) =>
        await users.GenerateChangeEmailTokenAsync(await RequiredAsync(userId), newEmail);

    public async Task<bool> ChangeEmailAsync(Guid userId, string newEmail, string token, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
            return false;

        return await context.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var result = await users.ChangeEmailAsync(user, newEmail, token);
            if (!result.Succeeded)
                return false;
            ThrowIfFailed(await users.SetUserNameAsync(user, newEmail));
            await transaction.CommitAsync(cancellationToken);
            return true;
        });
    }

    public async Task<IReadOnlyList<UserAccount>> ListTenantUsersAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var members = await users.Users.Where(u => u.TenantId == tenantId).OrderBy(u => u.FullName).ToListAsync(cancellationToken);
        var accounts = new List<UserAccount>(members.Count);
        foreach (var member in members)
            accounts.Add((await ToAccountAsync(member))!);
        return accounts;
    }

    public async Task<IReadOnlyList<UserAccount>> ListStaffAsync(CancellationToken cancellationToken)
    {
        var staff = (await users.GetUsersInRoleAsync(Roles.Admin)).Concat(await users.GetUsersInRoleAsync(Roles.Support))
            .Where(u => u.Email is not null).DistinctBy(u => u.Id).OrderBy(u => u.FullName).ToList();
        var accounts = new List<UserAccount>(staff.Count);
        foreach (var member in staff)
            accounts.Add((await ToAccountAsync(member))!);
        return accounts;
    }

    public async Task<IReadOnlyDictionary<Guid, string>> FindOwnerEmailsAsync(IReadOnlyCollection<Guid> tenantIds, CancellationToken cancellationToken)
    {
        // One query for any number of tenants: billing mails whole groups of tenants at once.
        var owners = await (
                from user in context.Users
                join userRole in context.UserRoles on user.Id equals userRole.UserId
                join role in context.Roles on userRole.RoleId equals role.Id
                where role.Name == Roles.Owner && user.TenantId != null && tenantIds.Contains(user.TenantId.Value) && user.Email != null
                orderby user.FullName
                select new { TenantId = user.TenantId!.Value, Email = user.Email! })
            .ToListAsync(cancellationToken);
        return owners.GroupBy(o => o.TenantId).ToDictionary(g => g.Key, g => g.First().Email);
    }

    public async Task<IReadOnlyList<Guid>> FindTenantIdsByContactAsync(string? email, string? phoneNumber, CancellationToken cancellationToken)
    {
        // One equality per query, so each is answered by its index (an OR of optional equalities reads every user).
        var people = context.Users.Where(u => u.TenantId != null);
        var ids = new HashSet<Guid>();
        if (email is not null)
        {
            var normalizedEmail = users.NormalizeEmail(email.Trim());
            ids.UnionWith(await people.Where(u => u.NormalizedEmail == normalizedEmail).Select(u => u.TenantId!.Value).ToListAsync(cancellationToken));
        }
        if (phoneNumber is not null)
            ids.UnionWith(await people.Where(u => u.PhoneNumber == phoneNumber).Select(u => u.TenantId!.Value).ToListAsync(cancellationToken));
        return [.. ids];
    }

    public async Task DeleteUserAsync(Guid userId, CancellationToken cancellationToken) =>
        ThrowIfFailed(await users.DeleteAsync(await RequiredAsync(userId)));

    public async Task RotateSecurityStampAsync(Guid userId, CancellationToken cancellationToken) =>
        ThrowIfFailed(await users.UpdateSecurityStampAsync(await RequiredAsync(userId)));

    public async Task<IReadOnlySet<Guid>> FindExistingUserIdsAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken) =>
        (await context.Users.Where(u => userIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();

    private async Task<ApplicationUser> RequiredAsync(Guid userId) =>
        await users.FindByIdAsync(userId.ToString()) ?? throw new Application.Common.Exceptions.NotFoundException("No such user.");

    private async Task<UserAccount?> ToAccountAsync(ApplicationUser? user) =>
        user is null
            ? null
            : new UserAccount(user.Id, user.TenantId, user.FullName, user.Email!, user.PhoneNumber, user.PhoneNumberConfirmed,
                user.TwoFactorEnabled, [.. await users.GetRolesAsync(user)]);

    private static void ThrowIfFailed(IdentityResult result, string passwordField = "password")
    {
        if (result.Succeeded)
            return;
        // Password rule failures belong to the password field; anything else is about the account as a whole.
        var failures = result.Errors.Select(e => new FluentValidation.Results.ValidationFailure(
            e.Code.StartsWith("Password", StringComparison.Ordinal) ? passwordField : "account", e.Description));
        throw new ValidationException(failures);
    }
}
