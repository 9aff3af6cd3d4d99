using Microsoft.EntityFrameworkCore;
using VirtuOps.Domain.Partners;
using VirtuOps.Domain.StaffAudit;

namespace VirtuOps.Infrastructure.Data.Interceptors;

/// <summary>The staff audit log and the partner ledger are append-only: a save that would change or delete an entry is refused.</summary>
internal sealed class AppendOnlyInterceptor : BeforeSaveInterceptor
{
    protected override void BeforeSave(DbContext context)
    {
        if (context.ChangeTracker.Entries<StaffAuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("Staff audit log entries cannot be changed or deleted.");
        if (context.ChangeTracker.Entries<PartnerLedgerEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("Partner ledger entries cannot be changed or deleted.");
    }
}
