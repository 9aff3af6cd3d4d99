namespace VirtuOps.Application.Common.Security;

/// <summary>
/// Put on a command that a tenant whose processing is restricted may still send: what a person needs to keep their
/// account safe and to exercise their rights (sign out, end a session, change the password, consents, lifting the
/// restriction, export, erasure). Every other command of a signed-in caller of a restricted tenant is refused with 409.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class AllowedWhileRestrictedAttribute : Attribute;
