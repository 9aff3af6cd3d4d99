using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Common.Exceptions;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Application.Erasure.Common;
using VirtuOps.Domain.Sessions;
using VirtuOps.Infrastructure.Data;

namespace VirtuOps.Infrastructure.Identity;

internal sealed class SignInService(
    SignInManager<ApplicationUser> signInManager,
    IPasswordHasher<ApplicationUser> passwordHasher,
    SignInAttempts attempts,
    IIdentityService identity,
    ApplicationDbContext context,
    IHttpContextAccessor httpContextAccessor,
    ICurrentUser currentUser,
    IClientInfo client,
    TimeProvider time) : ISignInService
{
    private const string RememberMeClaim = "remember_me";

    /// <summary>
    /// A hash of a password nobody knows. Checking a password against it for an address without an account costs
    /// what a real check costs, so the answer's timing does not tell whether the account exists.
    /// </summary>
    private static readonly Lazy<string> NobodysPasswordHash =
        new(() => new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    private HttpContext HttpContext => httpContextAccessor.HttpContext ?? throw new InvalidOperationException("Signing in needs an HTTP request.");

    public async Task<(PasswordCheckResult Result, UserAccount? User, TimeSpan LockedFor)> CheckPasswordAsync(string email, string password, CancellationToken cancellationToken)
    {
        // Every address gets the same treatment, account or not: the same lockout rule and the same password check.
        var users = signInManager.UserManager;
        var normalizedEmail = users.NormalizeEmail(email);
        if (await attempts.BeginAsync(normalizedEmail, cancellationToken) is { } stillLockedFor)
            return (PasswordCheckResult.LockedOut, null, stillLockedFor);

        var user = await users.FindByEmailAsync(email);
        bool valid;
        if (user?.PasswordHash is null)
        {
            passwordHasher.VerifyHashedPassword(new ApplicationUser(), NobodysPasswordHash.Value, password);
            valid = false;
        }
        else
        {
            // A sign-up whose e-mail link was not opened is not an account yet, and answers like a wrong password.
            valid = await users.CheckPasswordAsync(user, password) && user.EmailConfirmed;
        }

        if (!valid)
        {
            return await attempts.FailedAsync(normalizedEmail, cancellationToken) is { } lockedFor
                ? (PasswordCheckResult.LockedOut, null, lockedFor)
                : (PasswordCheckResult.Invalid, null, TimeSpan.Zero);
        }

        await attempts.SucceededAsync(normalizedEmail, cancellationToken);
        return (PasswordCheckResult.Succeeded, await identity.FindByIdAsync(user!.Id, cancellationToken), TimeSpan.Zero);
    }

    public async Task SignInAsync(Guid userId, bool rememberMe, CancellationToken cancellationToken)
    {
        var user = await signInManager.UserManager.FindByIdAsync(userId.ToString()) ?? throw new SignInRequiredException();
        // Every way in (password, code, e-mailed link) ends here: an account waiting for erasure stays signed out.
        await context.ThrowIfErasurePendingAsync(userId, user.TenantId, cancellationToken);
        var session = UserSession.Start(userId, time.GetUtcNow(), client.IpAddress, client.UserAgent);
        context.UserSessions.Add(session);
        await context.SaveChangesAsync(cancellationToken);

        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await signInManager.SignInWithClaimsAsync(user, rememberMe, [new Claim(VirtuOpsClaimTypes.SessionId, session.Id.ToString())]);
    }

    public Task BeginTwoFactorAsync(Guid userId, bool rememberMe)
    {
        // Identity's short-lived two-factor cookie: it proves the password step and nothing more.
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
        identity.AddClaim(new Claim(ClaimTypes.Name, userId.ToString()));
        identity.AddClaim(new Claim(RememberMeClaim, rememberMe ? "1" : "0"));
        return HttpContext.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
    }

    public async Task<(Guid UserId, bool RememberMe)?> GetPendingTwoFactorAsync()
    {
        var result = await HttpContext.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        var userId = result.Principal?.FindFirstValue(ClaimTypes.Name);
        return Guid.TryParse(userId, out var id)
            ? (id, result.Principal!.FindFirstValue(RememberMeClaim) == "1")
            : null;
    }

    public async Task SignOutAsync(CancellationToken cancellationToken)
    {
        if (currentUser.SessionId is { } sessionId)
        {
            var session = await context.UserSessions.SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
            session?.End(time.GetUtcNow());
            await context.SaveChangesAsync(cancellationToken);
        }

        await SignOutThisBrowserAsync();
    }

    public async Task EndSessionsAsync(Guid userId, bool keepThisBrowser, CancellationToken cancellationToken)
    {
        var thisSession = currentUser.UserId == userId ? currentUser.SessionId : null;
        var kept = keepThisBrowser ? thisSession : null;
        var now = time.GetUtcNow();
        var active = await context.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null).ToListAsync(cancellationToken);
        foreach (var session in active.Where(s => s.Id != kept))
            session.End(now);
        await context.SaveChangesAsync(cancellationToken);

        if (kept is { } sessionId)
        {
            // The old cookie carries the old security stamp, which the periodic stamp check would refuse.
            var user = await signInManager.UserManager.FindByIdAsync(userId.ToString()) ?? throw new SignInRequiredException();
            var isPersistent = HttpContext.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.IsPersistent ?? false;
            await signInManager.SignInWithClaimsAsync(user, isPersistent, [new Claim(VirtuOpsClaimTypes.SessionId, sessionId.ToString())]);
        }
        else if (thisSession is not null)
        {
            await SignOutThisBrowserAsync();
        }
    }

    private async Task SignOutThisBrowserAsync()
    {
        await signInManager.SignOutAsync();
        // The rest of this request (e.g. the antiforgery token in its response) is for an anonymous user now.
        HttpContext.User = new ClaimsPrincipal(new ClaimsIdentity());
    }
}
