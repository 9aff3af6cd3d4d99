using VirtuOps.Domain.ApiKeys;
using VirtuOps.Domain.Exceptions;

namespace Domain.UnitTests.ApiKeys;

public sealed class ApiKeyTests
{
    [Fact]
    public void A_key_without_any_scope_cannot_exist()
    {
        Should.Throw<DomainRuleViolationException>(() => ApiKey.Create("CRM", "vo_abcdefghi", "hash", ApiKeyScopes.None));
    }

    [Fact]
    public void Revoking_keeps_the_first_revocation_time()
    {
        var key = ApiKey.Create("CRM", "vo_abcdefghi", "hash", ApiKeyScopes.Read);
        var first = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

        key.Revoke(first);
        key.Revoke(first.AddHours(1));

        key.IsActive.ShouldBeFalse();
        key.RevokedAt.ShouldBe(first);
    }
}
