using Microsoft.AspNetCore.Identity;

namespace VirtuOps.Infrastructure.Identity;

/// <summary>A person who signs in: a tenant's owner or agent (with <see cref="TenantId"/>), or platform staff (without).</summary>
public sealed class ApplicationUser : IdentityUser<Guid>
{
    public const int FullNameMaxLength = 200;

    public string FullName { get; set; } = string.Empty;

    public Guid? TenantId { get; set; }
}

public sealed class ApplicationRole : IdentityRole<Guid>
{
    public ApplicationRole()
    {
    }

    public ApplicationRole(string name) : base(name)
    {
    }
}
