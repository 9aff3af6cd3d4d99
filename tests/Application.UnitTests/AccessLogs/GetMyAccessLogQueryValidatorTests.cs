using VirtuOps.Application.AccessLogs.Queries.GetMyAccessLog;
using VirtuOps.Application.Common.Models;

namespace Application.UnitTests.AccessLogs;

public sealed class GetMyAccessLogQueryValidatorTests
{
    private static readonly GetMyAccessLogQueryValidator Validator = new();

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void Sensible_paging_is_accepted(int limit)
    {
        Validator.Validate(new GetMyAccessLogQuery(new KeysetCursor(DateTimeOffset.UnixEpoch, Guid.CreateVersion7()).Encode(), limit)).IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData(null, 0, nameof(GetMyAccessLogQuery.Limit))]
    [InlineData(null, 101, nameof(GetMyAccessLogQuery.Limit))]
    [InlineData("not-a-cursor", 20, nameof(GetMyAccessLogQuery.Cursor))]
    public void Paging_out_of_range_is_refused(string? cursor, int limit, string field)
    {
        Validator.Validate(new GetMyAccessLogQuery(cursor, limit)).Errors.ShouldHaveSingleItem().PropertyName.ShouldBe(field);
    }
}
