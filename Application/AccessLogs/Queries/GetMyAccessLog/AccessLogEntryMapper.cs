using Riok.Mapperly.Abstractions;
using VirtuOps.Domain.AccessLogs;

namespace VirtuOps.Application.AccessLogs.Queries.GetMyAccessLog;

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class AccessLogEntryMapper
{
    public static partial IQueryable<AccessLogEntryDto> ProjectToDto(this IQueryable<AccessLogEntry> source);
}
