using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.StaffAudit;

namespace VirtuOps.WebApi.Infrastructure;

/// <summary>The back-office API: <c>/api/admin</c>, for platform staff only, every call recorded in the staff audit log.</summary>
public static class AdminApi
{
    public const string PathPrefix = "/api/admin";

    /// <summary>Held by the platform roles Admin and Support; finer rules (Admin only) are on the operations.</summary>
    public const string PlatformStaffPolicy = "PlatformStaff";

    public static IServiceCollection AddAdminApi(this IServiceCollection services) =>
        services.AddAuthorization(options => options.AddPolicy(PlatformStaffPolicy, policy => policy.RequireRole(Roles.Admin, Roles.Support)));

    /// <summary>
    /// A group of back-office endpoints. The staff check runs before the endpoint, so a tenant user or an API key is
    /// refused with 403 before any id is looked up: the answer cannot tell whether a tenant or request exists.
    /// </summary>
    public static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder app, string path) =>
        app.MapGroup(PathPrefix + path).WithTags("Admin")
            .RequireAuthorization(PlatformStaffPolicy).RequireAntiforgeryToken()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
}

/// <summary>
/// Records every <c>/api/admin</c> call in the staff audit log: who, when, which operation, which tenant it concerned
/// and the reason (both as the operation reported them through <see cref="IStaffAuditTrail"/>), and the status the
/// caller got. The entry is stored just before the response starts, so no answer leaves without its entry; when the
/// entry cannot be stored the call fails instead.
/// </summary>
internal sealed partial class StaffAuditMiddleware(RequestDelegate next, IServiceScopeFactory scopeFactory, TimeProvider timeProvider)
{
    public Task InvokeAsync(HttpContext context)
    {
        var occurredAt = timeProvider.GetUtcNow();
        context.Response.OnStarting(() => RecordAsync(context, occurredAt));
        return next(context);
    }

    private async Task RecordAsync(HttpContext context, DateTimeOffset occurredAt)
    {
        var trail = context.RequestServices.GetRequiredService<IStaffAuditTrail>();
        var path = (context.Request.PathBase + context.Request.Path).Value ?? "/";
        var entry = StaffAuditEntry.Record(occurredAt, UserId(context.User), ActorRole(context.User), Operation(context, path), path,
            trail.TenantId, trail.Reason, context.Response.StatusCode);

        // A context of its own: the request's may hold changes a failed operation left unsaved.
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        db.StaffAuditLog.Add(entry);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>
    /// The method and route pattern as the API document names it (<c>{id}</c>, without constraints; ids stay in
    /// <see cref="StaffAuditEntry.Path"/>); the path when no admin route matched.
    /// </summary>
    private static string Operation(HttpContext context, string path)
    {
        // The exception handler clears the endpoint before it writes the problem; its feature keeps the matched one.
        var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        var pattern = (endpoint as RouteEndpoint)?.RoutePattern.RawText?.TrimEnd('/');
        return pattern?.StartsWith(AdminApi.PathPrefix, StringComparison.Ordinal) == true
            ? $"{context.Request.Method} {RouteConstraint().Replace(pattern, "{$1}")}"
            : $"{context.Request.Method} {path}";
    }

    [GeneratedRegex(@"\{([^}:=?]+)[^}]*\}")]
    private static partial Regex RouteConstraint();

    private static readonly string[] RolesByRank = [Roles.Admin, Roles.Support, Roles.Owner, Roles.Agent];

    private static string ActorRole(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
            return StaffAuditEntry.NoRole;
        return RolesByRank.FirstOrDefault(user.IsInRole) ?? (UserId(user) is null ? StaffAuditEntry.ApiKeyRole : StaffAuditEntry.NoRole);
    }

    private static Guid? UserId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}

public static class StaffAuditMiddlewareExtensions
{
    /// <summary>Put outside the exception handler, so the recorded status is the one the caller got.</summary>
    public static IApplicationBuilder UseStaffAudit(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(AdminApi.PathPrefix),
            branch => branch.UseMiddleware<StaffAuditMiddleware>());
}
