namespace VirtuOps.Application.DemoRequests.Queries.GetDemoRequests;

public sealed class GetDemoRequestsQueryValidator : AbstractValidator<GetDemoRequestsQuery>
{
    public const int MaxPageSize = 100;

    public GetDemoRequestsQueryValidator()
    {
        RuleFor(q => q.PageNumber).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize);
    }
}
