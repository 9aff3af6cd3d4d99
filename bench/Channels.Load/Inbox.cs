using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Domain.Channels;
using VirtuOps.Infrastructure.Data;

namespace Channels.Load;

internal static class Inbox
{
    /// <summary>Polls until the processor has emptied the inbox (or the time is up); returns what is still pending.</summary>
    public static async Task<int> WaitUntilProcessedAsync(IServiceProvider services, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var pending = await db.InboundEvents.IgnoreQueryFilters().CountAsync(e => e.State == InboundEventState.Pending);
            if (pending == 0 || waited.Elapsed > limit)
                return pending;
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
