using VirtuOps.Application.Common.Behaviours;
using VirtuOps.Application.Common.Exceptions;
using VirtuOps.Domain.Common;

namespace Application.UnitTests.Common.Behaviours;

public sealed class AuthorizationBehaviourTests
{
    private static readonly Guid VerifiedUser = Guid.CreateVersion7();

    private static ValueTask<string> Run<TMessage>(TMessage message, FakeCurrentUser user)
        where TMessage : Mediator.IMessage =>
        new AuthorizationBehaviour<TMessage, string>(user, new FakeAccountStatus(VerifiedUser))
            .Handle(message, (_, _) => ValueTask.FromResult("handled"), CancellationToken.None);

    [Fact]
    public async Task A_message_without_requirements_is_handled_for_anonymous_callers()
    {
        (await Run(new OpenQuery(), FakeCurrentUser.Anonymous)).ShouldBe("handled");
    }

    [Fact]
    public async Task An_anonymous_caller_is_refused_as_unauthenticated()
    {
        await Should.ThrowAsync<SignInRequiredException>(async () => await Run(new SignedInQuery(), FakeCurrentUser.Anonymous));
    }

    [Fact]
    public async Task A_signed_in_person_passes_a_requirement_without_roles()
    {
        (await Run(new SignedInQuery(), new FakeCurrentUser(Guid.CreateVersion7().ToString()))).ShouldBe("handled");
    }

    [Fact]
    public async Task An_api_key_is_not_a_person_and_is_forbidden_where_no_role_is_named()
    {
        await Should.ThrowAsync<ForbiddenAccessException>(async () => await Run(new SignedInQuery(), new FakeCurrentUser("api-key:vo_abc", Roles.ApiRead, Roles.ApiWrite)));
    }

    [Fact]
    public async Task An_api_key_passes_where_one_of_its_roles_is_named()
    {
        (await Run(new TenantReadQuery(), new FakeCurrentUser("api-key:vo_abc", Roles.ApiRead))).ShouldBe("handled");
    }

    [Fact]
    public async Task An_api_key_does_what_the_tenants_staff_may_when_its_tenants_owner_verified_their_phone()
    {
        (await Run(new StaffCommand(), new FakeCurrentUser("api-key:vo_abc", VerifiedUser, Roles.ApiWrite))).ShouldBe("handled");
        await Should.ThrowAsync<ForbiddenAccessException>(async () =>
            await Run(new StaffCommand(), new FakeCurrentUser("api-key:vo_abc", Guid.CreateVersion7(), Roles.ApiWrite)));
    }

    [Fact]
    public async Task An_api_key_is_not_platform_staff()
    {
        await Should.ThrowAsync<ForbiddenAccessException>(async () => await Run(new StaffQuery(), new FakeCurrentUser("api-key:vo_abc", Roles.ApiRead, Roles.ApiWrite)));
    }

    [Fact]
    public async Task A_caller_without_any_required_role_is_forbidden()
    {
        await Should.ThrowAsync<ForbiddenAccessException>(async () => await Run(new StaffQuery(), new FakeCurrentUser("owner-1", Roles.Owner)));
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Support)]
    public async Task A_caller_with_one_of_the_required_roles_is_handled(string role)
    {
        (await Run(new StaffQuery(), new FakeCurrentUser("staff-1", role))).ShouldBe("handled");
    }

    [Fact]
    public async Task A_user_with_a_verified_phone_passes_the_phone_requirement()
    {
        (await Run(new VerifiedPhoneOnlyCommand(), new FakeCurrentUser(VerifiedUser.ToString()))).ShouldBe("handled");
    }

    [Fact]
    public async Task A_user_without_a_verified_phone_is_forbidden_where_one_is_required()
    {
        var error = await Should.ThrowAsync<ForbiddenAccessException>(async () =>
            await Run(new VerifiedPhoneOnlyCommand(), new FakeCurrentUser(Guid.CreateVersion7().ToString())));

        error.Message.ShouldContain("phone");
    }
}
