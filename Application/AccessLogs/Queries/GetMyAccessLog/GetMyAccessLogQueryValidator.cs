using VirtuOps.Application.Common.Models;

namespace VirtuOps.Application.AccessLogs.Queries.GetMyAccessLog;

public sealed class GetMyAccessLogQueryValidator : AbstractValidator<GetMyAccessLogQuery>
{
    public GetMyAccessLogQueryValidator()
    {
        RuleFor(q => q.Cursor).MustBeCursor();
        RuleFor(q => q.Limit).MustBeLimit();
    }
}
