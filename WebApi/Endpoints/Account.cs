using VirtuOps.Application.Accounts.Commands.ChangeEmail;
using VirtuOps.Application.Accounts.Commands.ChangePassword;
using VirtuOps.Application.Accounts.Commands.ChangePhone;
using VirtuOps.Application.Accounts.Commands.SendPhoneCode;
using VirtuOps.Application.Accounts.Commands.SetTwoFactor;
using VirtuOps.Application.Accounts.Commands.UpdateProfile;
using VirtuOps.Application.Accounts.Commands.VerifyPhone;
using VirtuOps.Application.Accounts.Common;
using VirtuOps.Application.Accounts.Queries.GetCurrentAccount;
using VirtuOps.Application.Sessions.Commands.EndSession;
using VirtuOps.Application.Sessions.Queries.GetMySessions;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>The signed-in user's own account: profile, phone verification, e-mail, password, two-factor sign-in, sessions.</summary>
public sealed class Account : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/account").WithTags("Account")
            .RequireAuthorization().RequireAntiforgeryToken()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/me", GetCurrentAccount);
        group.MapPut("/profile", UpdateProfile);
        group.MapPut("/phone", ChangePhone).RequireRateLimiting(RateLimits.Sms).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/phone/code", SendPhoneCode).RequireRateLimiting(RateLimits.Sms).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/phone/verify", VerifyPhone).RequireRateLimiting(RateLimits.CodeChecks).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/email", ChangeEmail).RequireRateLimiting(RateLimits.Email).ProducesProblem(StatusCodes.Status429TooManyRequests);
        // Each try checks a password, so it is limited like signing in.
        group.MapPost("/password", ChangePassword).RequireRateLimiting(RateLimits.Auth).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPut("/two-factor", SetTwoFactor).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/sessions", GetMySessions);
        group.MapDelete("/sessions/{id:guid}", EndSession).ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Ok<CurrentAccountDto>> GetCurrentAccount(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetCurrentAccountQuery(), cancellationToken));

    public static async Task<NoContent> UpdateProfile(ISender sender, UpdateProfileCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<PhoneCodeSentDto>> ChangePhone(ISender sender, ChangePhoneCommand command, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(command, cancellationToken));

    public static async Task<Ok<PhoneCodeSentDto>> SendPhoneCode(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new SendPhoneCodeCommand(), cancellationToken));

    public static async Task<NoContent> VerifyPhone(ISender sender, VerifyPhoneCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Accepted> ChangeEmail(ISender sender, ChangeEmailCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<NoContent> ChangePassword(ISender sender, ChangePasswordCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> SetTwoFactor(ISender sender, SetTwoFactorCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<IReadOnlyList<SessionDto>>> GetMySessions(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetMySessionsQuery(), cancellationToken));

    public static async Task<NoContent> EndSession(ISender sender, Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new EndSessionCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }
}
