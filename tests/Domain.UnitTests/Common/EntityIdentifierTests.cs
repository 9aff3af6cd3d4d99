using VirtuOps.Domain.Tenants;

namespace Domain.UnitTests.Common;

public sealed class EntityIdentifierTests
{
    [Fact]
    public void Entities_get_time_ordered_version_7_identifiers()
    {
        var first = Tenant.Create("First");
        var second = Tenant.Create("Second");

        first.Id.Version.ShouldBe(7);
        second.Id.Version.ShouldBe(7);
        second.Id.ShouldNotBe(first.Id);
    }
}
