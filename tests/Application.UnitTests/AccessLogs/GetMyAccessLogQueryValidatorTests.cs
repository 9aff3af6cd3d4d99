using VirtuOps.Application.AccessLogs.Queries.GetMyAccessLog;

namespace Application.UnitTests.AccessLogs;

public sealed class GetMyAccessLogQueryValidatorTests
{
    private static readonly GetMyAccessLogQueryValidator Validator = new();

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 100)]
    public void Sensible_paging_is_accepted(int pageNumber, int pageSize)
    {
        Validator.Validate(new GetMyAccessLogQuery(pageNumber, pageSize)).IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData(0, 20, nameof(GetMyAccessLogQuery.PageNumber))]
    [InlineData(1, 0, nameof(GetMyAccessLogQuery.PageSize))]
    [InlineData(1, 101, nameof(GetMyAccessLogQuery.PageSize))]
    public void Paging_out_of_range_is_refused(int pageNumber, int pageSize, string field)
    {
        Validator.Validate(new GetMyAccessLogQuery(pageNumber, pageSize)).Errors.ShouldHaveSingleItem().PropertyName.ShouldBe(field);
    }
}
