using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace VirtuOps.Infrastructure.Data.Interceptors;

/// <summary>Runs <see cref="BeforeSave"/> on the tracked changes of every save, synchronous or not.</summary>
internal abstract class BeforeSaveInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
            BeforeSave(context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
            BeforeSave(context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    protected abstract void BeforeSave(DbContext context);
}
