using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.StaticFiles;
using VirtuOps.Application;
using VirtuOps.Application.Common.Behaviours;
using VirtuOps.Application.DemoRequests.Commands.CreateDemoRequest;
using VirtuOps.Domain.Common;
using VirtuOps.Infrastructure;
using VirtuOps.Infrastructure.Data;
using VirtuOps.WebApi;

var builder = WebApplication.CreateBuilder(args);

// The build-time OpenAPI run has no settings or secrets; it describes the app as a developer runs it.
if (OpenApiGeneration.IsRunning)
    builder.Environment.EnvironmentName = Environments.Development;

builder.Logging.ClearProviders().AddJsonConsole(options =>
{
    // Scopes carry the request id and trace id of each log line.
    options.IncludeScopes = true;
    options.UseUtcTimestamp = true;
    options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
});

builder.Services
    .AddApplicationServices()
    .AddInfrastructureServices(builder.Configuration, builder.Environment)
    .AddWebApiServices(builder.Configuration);

// Hosted services (access-log writer, Quartz) must not start when the build runs the app for its OpenAPI document.
if (!OpenApiGeneration.IsRunning)
    builder.Services.AddBackgroundWork(builder.Configuration);

// The one AddMediator call: the source generator lives in this project and sees Application's handlers.
builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.Assemblies = [typeof(CreateDemoRequestCommand), typeof(BaseEvent)];
    options.PipelineBehaviors =
    [
        typeof(UnhandledExceptionBehaviour<,>),
        typeof(LoggingBehaviour<,>),
        typeof(AuthorizationBehaviour<,>),
        typeof(ProcessingRestrictionBehaviour<,>),
        typeof(ValidationBehaviour<,>),
        typeof(PerformanceBehaviour<,>),
    ];
});

var app = builder.Build();

// The development sinks keep SMS codes and e-mailed links instead of sending them: never in production.
if (!app.Environment.IsDevelopment() && !OpenApiGeneration.IsRunning
    && VirtuOps.Infrastructure.DependencyInjection.ReadMessagingOptions(app.Configuration).UsesDevelopmentSinks)
    throw new InvalidOperationException("Sms:Provider and Email:Provider must name real providers outside Development.");

// The sandbox payment gateway takes no real money: production must name Paylov.
if (app.Environment.IsProduction() && !OpenApiGeneration.IsRunning
    && VirtuOps.Infrastructure.Paylov.PaylovServiceCollectionExtensions.UsesSandbox(app.Configuration))
    throw new InvalidOperationException("Paylov:BaseUrl is empty in Production: the sandbox payment gateway takes no real money and is refused there.");

if (!OpenApiGeneration.IsRunning)
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<ApplicationDbContextInitialiser>().InitialiseAsync(app.Lifetime.ApplicationStopping);
}

// First, so every answer (even one refused by a later middleware) carries the request id.
app.UseRequestIds();
// The client's address and scheme as the configured reverse proxies saw them, before anything records or checks them.
app.UseForwardedHeaders();
app.UseSecurityHeaders();
// Development runs on plain http://localhost; everywhere else browsers are told to use HTTPS only.
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseAccessLog();
app.UseStaffAudit();
app.UseExceptionHandler();
app.UseStatusCodePages();

// Only a path ending in '/' opens a folder's index.html: "/demo/" is the widget demo shop (wwwroot/demo/index.html),
// while "/demo" stays the SPA's demo-request page instead of being redirected to the shop.
app.UseWhen(context => context.Request.Path.Value?.EndsWith('/') == true, branch => branch.UseDefaultFiles());
// The legal texts under /legal are UTF-8 plain text; without a charset browsers decode them as Windows-1252.
var contentTypes = new FileExtensionContentTypeProvider();
contentTypes.Mappings[".txt"] = "text/plain; charset=utf-8";
app.UseStaticFiles(new StaticFileOptions { ContentTypeProvider = contentTypes });
// Routing only after the static files: otherwise the SPA fallback endpoint is chosen for "/demo/" before the default
// file is found, and static files step aside for a chosen endpoint.
app.UseRouting();

app.UseCors();
app.UseAuthentication();
app.UseRateLimiter();
app.UseApiKeyRateLimits();
app.UseAuthorization();
app.UseIdempotencyKeys();
app.UseSpaAntiforgeryCookie();

app.UseSwagger();
app.UseSwaggerUI(options => options.DocumentTitle = "VirtuOps API");

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });

app.MapEndpointGroups();
app.MapHub<VirtuOps.WebApi.Hubs.InboxHub>(VirtuOps.WebApi.Hubs.InboxHub.Path);
app.MapHub<VirtuOps.WebApi.Hubs.WidgetHub>(VirtuOps.WebApi.Hubs.WidgetHub.Path).RequireCors(WidgetCorsPolicyProvider.PolicyName);

// Unknown API routes answer 404 problem details; every other unknown path is a client-side route of the SPA.
app.Map("/api/{**path}", UnmatchedApiRequests.Answer).ExcludeFromDescription();
app.MapFallbackToFile("index.html");

await app.RunAsync();

/// <summary>The web host; public so functional tests can start it with WebApplicationFactory.</summary>
public partial class Program;
