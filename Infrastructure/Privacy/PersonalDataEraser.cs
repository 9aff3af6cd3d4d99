using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.Privacy;
using VirtuOps.Infrastructure.Data;
using VirtuOps.Infrastructure.Identity;

namespace VirtuOps.Infrastructure.Privacy;

internal sealed class PersonalDataEraser(
    ApplicationDbContext context, IDatabaseWriter writer, ILookupNormalizer normalizer, ILogger<PersonalDataEraser> logger) : IPersonalDataEraser
{
    /// <summary>A checkpoint cannot truncate the log while a reader still uses an older snapshot; readers are short.</summary>
    private const int CheckpointTries = 20;

    public async Task EraseAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        var subject = await SubjectAsync(request, cancellationToken);
        foreach (var rule in ErasureCatalog.Rules)
            await rule.ApplyAsync(context, subject, writer, cancellationToken);
    }

    public async Task ReclaimFreedSpaceAsync(CancellationToken cancellationToken)
    {
        // secure_delete (set on every connection) zeroes deleted rows and freed pages; what remains are the older page
        // images in the write-ahead log, which a TRUNCATE checkpoint copies back and then cuts off. SQL Server: see
        // docs/decisions/0007-erasure.md.
        if (!context.Database.IsSqlite())
            return;
        for (var attempt = 1; attempt <= CheckpointTries; attempt++)
        {
            if (await writer.RunExclusiveAsync(() => CheckpointAsync(cancellationToken), cancellationToken))
                return;
            await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
        }

        logger.LogWarning("The write-ahead log could not be truncated after an erasure: readers kept it busy. The next purge run tries again.");
    }

    /// <summary>True when the whole log was copied back and truncated (the pragma's first column, busy, is 0).</summary>
    private async Task<bool> CheckpointAsync(CancellationToken cancellationToken)
    {
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = context.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) && reader.GetInt32(0) == 0;
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }

    private async Task<ErasureSubject> SubjectAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        // The requester's id is always included: a run that stopped after deleting the accounts still finds their rows.
        var users = await context.Users
            .Where(u => u.Id == request.UserId || (request.Scope == ErasureScope.Tenant && u.TenantId == request.TenantId))
            .Select(u => new { u.Id, u.Email })
            .ToListAsync(cancellationToken);
        // As typed, and lower-cased as the privacy requests keep them.
        var emails = users.Where(u => u.Email != null).SelectMany(u => new[] { u.Email!, u.Email!.ToLowerInvariant() }).Distinct().ToList();
        return new ErasureSubject(
            request.Scope,
            request.TenantId,
            [.. users.Select(u => u.Id).Append(request.UserId).Distinct()],
            emails,
            [.. emails.Select(e => normalizer.NormalizeEmail(e)!).Distinct()]);
    }
}
