using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Infrastructure.Data;

namespace VirtuOps.Infrastructure.Identity;

/// <summary>
/// Refuses a sign-in cookie whose session was ended (signed out elsewhere, ended by the user, account removed),
/// and records when each session was last seen, at most once a minute.
/// </summary>
internal static class SessionValidator
{
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public static async Task ValidateAsync(CookieValidatePrincipalContext cookie)
    {
        var sessionClaim = cookie.Principal?.FindFirstValue(VirtuOpsClaimTypes.SessionId);
        if (!Guid.TryParse(sessionClaim, out var sessionId))
        {
            cookie.RejectPrincipal();
            return;
        }

        var services = cookie.HttpContext.RequestServices;
        var context = services.GetRequiredService<ApplicationDbContext>();
        var session = await context.UserSessions.SingleOrDefaultAsync(s => s.Id == sessionId, cookie.HttpContext.RequestAborted);
        if (session is not { IsActive: true })
        {
            cookie.RejectPrincipal();
            return;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (now - session.LastSeenAt >= TouchInterval)
        {
            session.Touch(now);
            await context.SaveChangesAsync(cookie.HttpContext.RequestAborted);
        }
    }
}
