using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.Common;

namespace VirtuOps.Infrastructure.Data.Interceptors;

/// <summary>Stamps who created or changed an entity, and when, on every save.</summary>
internal sealed class AuditableEntityInterceptor(ICurrentUser currentUser, TimeProvider timeProvider) : BeforeSaveInterceptor
{
    protected override void BeforeSave(DbContext context)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var entry in context.ChangeTracker.Entries<BaseAuditableEntity>())
        {
            if (entry.State == EntityState.Added)
            {
                entry.Entity.Created = now;
                entry.Entity.CreatedBy = currentUser.Id;
            }

            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Entity.LastModified = now;
                entry.Entity.LastModifiedBy = currentUser.Id;
            }
        }
    }
}
