using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Common.Exceptions;
using VirtuOps.WebApi.Infrastructure;

namespace Application.FunctionalTests.Hosting;

/// <summary>What the problem-details handler tells a caller about an exception: our own words, never the runtime's.</summary>
public sealed class ExceptionAnswerTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    private async Task<(bool Handled, int Status, string Body)> AnswerAsync(Exception exception)
    {
        using var scope = factory.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Response.Body = new MemoryStream();
        var handler = new ProblemDetailsExceptionHandler(scope.ServiceProvider.GetRequiredService<IProblemDetailsService>());

        var handled = await handler.TryHandleAsync(http, exception, CancellationToken.None);

        return (handled, http.Response.StatusCode, Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray()));
    }

    [Fact]
    public async Task A_sign_in_request_is_a_401_with_its_message()
    {
        var (handled, status, body) = await AnswerAsync(new SignInRequiredException("The sign-in has expired. Enter your e-mail and password again."));

        handled.ShouldBeTrue();
        status.ShouldBe(StatusCodes.Status401Unauthorized);
        body.ShouldContain("The sign-in has expired.");
    }

    [Fact]
    public async Task A_runtime_access_denial_is_not_passed_off_as_a_sign_in_request_with_its_message()
    {
        var (handled, _, body) = await AnswerAsync(new UnauthorizedAccessException("Access to the path '/srv/keys/tenant.key' is denied."));

        handled.ShouldBeFalse("it is left to the generic 500 answer, which shows no message");
        body.ShouldNotContain("/srv/keys");
    }
}
