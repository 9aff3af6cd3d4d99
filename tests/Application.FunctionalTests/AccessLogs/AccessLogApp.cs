using System.Linq.Expressions;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.AccessLogs;

namespace Application.FunctionalTests.AccessLogs;

/// <summary>The app as <see cref="VirtuOpsApiFactory"/> runs it, with a way to wait for the access log to be written.</summary>
public class AccessLogApp : VirtuOpsApiFactory
{
    public static readonly IPAddress ClientIp = IPAddress.Parse("203.0.113.7");

    /// <summary>Waits until everything captured so far is stored, then reads the matching entries.</summary>
    public async Task<List<AccessLogEntry>> StoredEntriesAsync(Expression<Func<AccessLogEntry, bool>> filter)
    {
        // A bound, so a writer that never drains fails the test instead of hanging it.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Services.GetRequiredService<IAccessLogWriter>().FlushAsync(timeout.Token);
        return await QueryDatabaseAsync(db => db.AccessLogs.Where(filter).ToListAsync());
    }
}
