using VirtuOps.Application.Accounts.Commands.ConfirmEmailChange;
using VirtuOps.Application.Accounts.Commands.ConfirmRegistration;
using VirtuOps.Application.Accounts.Commands.ForgotPassword;
using VirtuOps.Application.Accounts.Commands.Register;
using VirtuOps.Application.Accounts.Commands.ResetPassword;
using VirtuOps.Application.Accounts.Commands.SignIn;
using VirtuOps.Application.Accounts.Commands.SignInWithCode;
using VirtuOps.Application.Accounts.Commands.SignOut;
using VirtuOps.Application.Accounts.Queries.GetLegalDocuments;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>Sign-up, sign-in (with the SMS second factor), sign-out and e-mailed links.</summary>
public sealed class Auth : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth").RequireAntiforgeryToken().ProducesValidationProblem();
        group.MapGet("/legal-documents", GetLegalDocuments);
        // Signing up e-mails the address typed, so it counts against the e-mail limit.
        group.MapPost("/register", Register).RequireRateLimiting(RateLimits.Email).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/confirm-registration", ConfirmRegistration).RequireRateLimiting(RateLimits.Auth).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/sign-in", SignIn).RequireRateLimiting(RateLimits.Auth)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/sign-in/code", SignInWithCode).RequireRateLimiting(RateLimits.CodeChecks)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/sign-out", SignOut);
        group.MapPost("/forgot-password", ForgotPassword).RequireRateLimiting(RateLimits.Email).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/reset-password", ResetPassword).RequireRateLimiting(RateLimits.Auth);
        group.MapPost("/confirm-email", ConfirmEmailChange).RequireRateLimiting(RateLimits.Auth);
    }

    public static async Task<Ok<LegalDocumentsDto>> GetLegalDocuments(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetLegalDocumentsQuery(), cancellationToken));

    public static async Task<Accepted> Register(ISender sender, RegisterCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<NoContent> ConfirmRegistration(ISender sender, ConfirmRegistrationCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<SignInResultDto>> SignIn(ISender sender, SignInCommand command, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(command, cancellationToken));

    public static async Task<NoContent> SignInWithCode(ISender sender, SignInWithCodeCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> SignOut(ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new SignOutCommand(), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Accepted> ForgotPassword(ISender sender, ForgotPasswordCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<NoContent> ResetPassword(ISender sender, ResetPasswordCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> ConfirmEmailChange(ISender sender, ConfirmEmailChangeCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command, cancellationToken);
        return TypedResults.NoContent();
    }
}
