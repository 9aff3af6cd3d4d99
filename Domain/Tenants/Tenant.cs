using VirtuOps.Domain.Common;
using VirtuOps.Domain.Exceptions;

namespace VirtuOps.Domain.Tenants;

/// <summary>A business or individual entrepreneur that uses VirtuOps.</summary>
public sealed class Tenant : BaseAuditableEntity
{
    public const int NameMaxLength = 200;

    private Tenant(string name) => Name = name;

    public string Name { get; private set; }

    public static Tenant Create(string name) => new(ValidName(name));

    public void Rename(string name) => Name = ValidName(name);

    private static string ValidName(string name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
            throw new DomainRuleViolationException("A tenant needs a name.");
        if (trimmed.Length > NameMaxLength)
            throw new DomainRuleViolationException($"A tenant name is at most {NameMaxLength} characters.");
        return trimmed;
    }
}
