namespace VirtuOps.Application.Common.Security;

/// <summary>
/// Put on a command or query to require a signed-in caller and, optionally, one of <see cref="Roles"/>
/// (comma-separated). Several attributes must all be satisfied. Without roles only a person passes: an API key
/// passes where one of its scopes' roles (<c>api:read</c>, <c>api:write</c>) or a tenant staff role (owner, agent) is
/// named; the endpoint group decides whether keys are accepted at all and which scope an operation needs.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class AuthorizeAttribute : Attribute
{
    public string Roles { get; init; } = string.Empty;

    /// <summary>The user must have verified their mobile phone (e.g. before creating bots or paying).</summary>
    public bool RequireVerifiedPhone { get; init; }
}
