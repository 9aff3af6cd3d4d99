using VirtuOps.Domain.Exceptions;
using VirtuOps.Domain.Tenants;

namespace Domain.UnitTests.Tenants;

public sealed class TenantTests
{
    [Fact]
    public void Creating_a_tenant_trims_its_name()
    {
        var tenant = Tenant.Create("  Oila Market  ");

        tenant.Name.ShouldBe("Oila Market");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_tenant_without_a_name_is_refused(string name)
    {
        Should.Throw<DomainRuleViolationException>(() => Tenant.Create(name));
    }

    [Fact]
    public void A_tenant_name_longer_than_the_limit_is_refused()
    {
        var tenant = Tenant.Create("Oila Market");

        Should.Throw<DomainRuleViolationException>(() => tenant.Rename(new string('a', Tenant.NameMaxLength + 1)));
        tenant.Name.ShouldBe("Oila Market");
    }
}
