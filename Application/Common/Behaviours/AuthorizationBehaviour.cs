using System.Reflection;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Common.Behaviours;

/// <summary>
/// Enforces <see cref="AuthorizeAttribute"/> on the message: 401 when anonymous, 403 when no required role is held,
/// when an API key meets a requirement that names neither its roles nor the tenant's staff (owner, agent), or when the
/// phone must be verified and is not.
/// </summary>
public sealed class AuthorizationBehaviour<TMessage, TResponse>(ICurrentUser currentUser, IAccountStatus accountStatus)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly AuthorizeAttribute[] Requirements =
        typeof(TMessage).GetCustomAttributes<AuthorizeAttribute>(inherit: true).ToArray();

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        // Anonymous messages (webhooks, sign-in) skip the async state of the checks.
        Requirements.Length == 0 ? next(message, cancellationToken) : AuthorizeAndHandle(message, next, cancellationToken);

    private async ValueTask<TResponse> AuthorizeAndHandle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (!currentUser.IsAuthenticated)
            throw new SignInRequiredException();

        // An API key acts for its tenant, not for a person (it has no user id): a requirement without roles means "any
        // signed-in person", so operations about the caller's own account refuse keys here, before their handler runs.
        if (currentUser.UserId is null && Requirements.Any(r => r.Roles.Length == 0))
            throw new ForbiddenAccessException("An API key cannot do this: it acts for its tenant, not for a person.");

        foreach (var requirement in Requirements)
        {
            var roles = requirement.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (roles.Length > 0 && !roles.Any(currentUser.IsInRole) && !(currentUser.UserId is null && KeyActsAsStaff(roles)))
                throw new ForbiddenAccessException();
        }

        if (Requirements.Any(r => r.RequireVerifiedPhone) && !await PhoneVerifiedAsync(cancellationToken))
            throw new ForbiddenAccessException("Verify your mobile phone number first.");

        return await next(message, cancellationToken);
    }

    // A key does what the tenant's staff (owner or agent) may do. Which operations take keys at all, and the scope each
    // needs (Read for GET, Write otherwise), is the endpoint group's declaration in WebApi, checked before the message is sent.
    private static bool KeyActsAsStaff(string[] roles) => roles.Contains(Roles.Owner) || roles.Contains(Roles.Agent);

    // A key is held to its tenant owner's phone, so creating a key does not get around the rule.
    private async Task<bool> PhoneVerifiedAsync(CancellationToken cancellationToken) => currentUser switch
    {
        { UserId: { } userId } => await accountStatus.IsPhoneVerifiedAsync(userId, cancellationToken),
        { TenantId: { } tenantId } => await accountStatus.IsOwnerPhoneVerifiedAsync(tenantId, cancellationToken),
        _ => false,
    };
}
