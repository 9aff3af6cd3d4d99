namespace VirtuOps.Application.AccessLogs.Queries.GetMyAccessLog;

public sealed class GetMyAccessLogQueryValidator : AbstractValidator<GetMyAccessLogQuery>
{
    public const int MaxPageSize = 100;

    public GetMyAccessLogQueryValidator()
    {
        RuleFor(q => q.PageNumber).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize);
    }
}
