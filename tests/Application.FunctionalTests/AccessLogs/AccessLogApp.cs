using System.Linq.Expressions;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.AccessLogs;
using VirtuOps.Infrastructure.Data;

namespace Application.FunctionalTests.AccessLogs;

/// <summary>
/// The app as <see cref="VirtuOpsApiFactory"/> runs it, with stand-ins for what the in-memory test server and this
/// branch lack: every request comes from <see cref="ClientIp"/>, and a request with a <see cref="UserHeader"/> is
/// signed in as that user (with the tenant in <see cref="TenantHeader"/>), as the sign-in code will do.
/// </summary>
public sealed class AccessLogApp : IAsyncLifetime
{
    public const string UserHeader = "X-Test-User";
    public const string TenantHeader = "X-Test-Tenant";
    public static readonly IPAddress ClientIp = IPAddress.Parse("203.0.113.7");

    private readonly VirtuOpsApiFactory _factory = new();

    public AccessLogApp() =>
        App = _factory.WithWebHostBuilder(builder =>
            builder.ConfigureServices(services => services.AddTransient<IStartupFilter, StandInClientFilter>()));

    public WebApplicationFactory<Program> App { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();

    /// <summary>Waits until everything captured so far is stored, then reads the matching entries.</summary>
    public async Task<List<AccessLogEntry>> StoredEntriesAsync(Expression<Func<AccessLogEntry, bool>> filter)
    {
        // A bound, so a writer that never drains fails the test instead of hanging it.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await App.Services.GetRequiredService<IAccessLogWriter>().FlushAsync(timeout.Token);

        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().AccessLogs.Where(filter).ToListAsync();
    }

    private sealed class StandInClientFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = ClientIp;
                if (context.Request.Headers.TryGetValue(UserHeader, out var userId))
                {
                    context.User = new ClaimsPrincipal(new ClaimsIdentity(
                    [
                        new Claim(ClaimTypes.NameIdentifier, userId.ToString()),
                        new Claim("tenant_id", context.Request.Headers[TenantHeader].ToString()),
                    ], authenticationType: "StandIn"));
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
