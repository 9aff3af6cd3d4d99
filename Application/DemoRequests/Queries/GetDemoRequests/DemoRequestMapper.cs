using Riok.Mapperly.Abstractions;
using VirtuOps.Domain.DemoRequests;

namespace VirtuOps.Application.DemoRequests.Queries.GetDemoRequests;

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class DemoRequestMapper
{
    public static partial IQueryable<DemoRequestDto> ProjectToDto(this IQueryable<DemoRequest> source);
}
