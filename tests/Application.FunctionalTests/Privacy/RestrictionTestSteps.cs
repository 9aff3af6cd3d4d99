using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using VirtuOps.Application.Accounts.Queries.GetCurrentAccount;
using VirtuOps.Application.ProcessingRestriction.Common;

namespace Application.FunctionalTests.Privacy;

internal static class RestrictionTestSteps
{
    public static async Task<ProcessingRestrictionDto> RestrictAsync(SpaClient owner)
    {
        var response = await owner.Http.PostAsync("/api/privacy/restriction", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<ProcessingRestrictionDto>(SpaClient.Json))!;
    }

    public static async Task<ProcessingRestrictionDto> LiftAsync(SpaClient owner)
    {
        var response = await owner.Http.DeleteAsync("/api/privacy/restriction");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<ProcessingRestrictionDto>(SpaClient.Json))!;
    }

    public static async Task<CurrentAccountDto> MeAsync(SpaClient client) => (await client.GetAsync<CurrentAccountDto>("/api/account/me"))!;

    /// <summary>The answer is the restriction's 409 problem, which says what is going on.</summary>
    public static async Task ShouldBeRestrictedAsync(this HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        problem.Title.ShouldBe("Processing is restricted.");
        problem.Detail.ShouldNotBeNull().ShouldContain("restricted");
    }
}
