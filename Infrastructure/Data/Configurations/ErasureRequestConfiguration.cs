using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VirtuOps.Domain.Privacy;

namespace VirtuOps.Infrastructure.Data.Configurations;

internal sealed class ErasureRequestConfiguration : IEntityTypeConfiguration<ErasureRequest>
{
    public void Configure(EntityTypeBuilder<ErasureRequest> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        // No foreign keys: the request outlives the tenant's and the user's rows as the record of the erasure.
        builder.HasIndex(r => new { r.UserId, r.CompletedAt });
        builder.HasIndex(r => new { r.TenantId, r.CompletedAt });
        builder.HasIndex(r => new { r.CompletedAt, r.PurgeAfter });
    }
}
