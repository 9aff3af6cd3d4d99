using System.Reflection;
using VirtuOps.Application.ProcessingRestriction.Common;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.Common.Behaviours;

/// <summary>
/// The one rule of a restricted tenant (Privacy Policy, section 8): its signed-in callers, people and API keys alike,
/// may read but not write. Every command that requires a signed-in caller is refused with 409 unless it is marked
/// <see cref="AllowedWhileRestrictedAttribute"/>. Queries, anonymous entry points (sign-in, webhooks, the widget) and
/// background jobs are not the tenant's writes; the paths among them that would act on its data check the restriction themselves.
/// </summary>
public sealed class ProcessingRestrictionBehaviour<TMessage, TResponse>(ICurrentUser currentUser, ProcessingRestrictions restrictions)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly TenantRestrictions Allowed =
        typeof(TMessage).GetCustomAttribute<AllowedWhileRestrictedAttribute>(inherit: true)?.Reasons ?? TenantRestrictions.None;

    private static readonly bool Checked = typeof(TMessage).IsAssignableTo(typeof(IBaseCommand))
        && typeof(TMessage).IsDefined(typeof(AuthorizeAttribute), inherit: true)
        && Allowed != (TenantRestrictions)~0;

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        Checked && currentUser.TenantId is { } tenantId ? CheckAndHandle(tenantId, message, next, cancellationToken) : next(message, cancellationToken);

    private async ValueTask<TResponse> CheckAndHandle(Guid tenantId, TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        await restrictions.ThrowIfRestrictedAsync(tenantId, cancellationToken, Allowed);
        return await next(message, cancellationToken);
    }
}
