using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.Common.Security;

/// <summary>
/// Put on a command that a tenant whose processing is restricted may still send: what a person needs to keep their
/// account safe and to exercise their rights (sign out, end a session, change the password, consents, lifting the
/// restriction, export, erasure). Every other command of a signed-in caller of a restricted tenant is refused with 409.
/// Given <see cref="Reasons"/>, the command is allowed only while the tenant is restricted for those reasons alone
/// (paying for a plan while the trial's paywall is up, but not while the owner has processing restricted).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class AllowedWhileRestrictedAttribute(TenantRestrictions reasons) : Attribute
{
    public AllowedWhileRestrictedAttribute()
        : this((TenantRestrictions)~0)
    {
    }

    public TenantRestrictions Reasons { get; } = reasons;
}
