using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Tenants;
using VirtuOps.Infrastructure.Identity;

namespace VirtuOps.Infrastructure.Data.Configurations;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.FullName).HasMaxLength(ApplicationUser.FullNameMaxLength).IsRequired();
        builder.Property(u => u.PhoneNumber).HasMaxLength(16);
        // Staff find a customer by the mobile number they call from (the tenant search).
        builder.HasIndex(u => u.PhoneNumber);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApplicationRoleConfiguration : IEntityTypeConfiguration<ApplicationRole>
{
    // Fixed ids so the roles are part of the migrations and exist on every database from the start.
    internal static readonly (Guid Id, string Name)[] KnownRoles =
    [
        (new Guid("0199a000-0000-7000-8000-000000000001"), Roles.Owner),
        (new Guid("0199a000-0000-7000-8000-000000000002"), Roles.Agent),
        (new Guid("0199a000-0000-7000-8000-000000000003"), Roles.Admin),
        (new Guid("0199a000-0000-7000-8000-000000000004"), Roles.Support),
    ];

    public void Configure(EntityTypeBuilder<ApplicationRole> builder) =>
        builder.HasData(KnownRoles.Select(r => new ApplicationRole(r.Name)
        {
            Id = r.Id,
            NormalizedName = r.Name.ToUpperInvariant(),
            ConcurrencyStamp = r.Id.ToString(),
        }));
}

internal sealed class SignInAttemptCountConfiguration : IEntityTypeConfiguration<SignInAttemptCount>
{
    public void Configure(EntityTypeBuilder<SignInAttemptCount> builder)
    {
        builder.HasKey(c => c.NormalizedEmail);
        builder.Property(c => c.NormalizedEmail).HasMaxLength(SignInAttemptCount.NormalizedEmailMaxLength);
        builder.HasIndex(c => c.LastAttemptAt);
    }
}
