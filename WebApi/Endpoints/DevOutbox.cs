using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Application.Development.Queries.GetDevOutbox;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>
/// Development only: what the platform would have sent by SMS and e-mail. Not mapped in any other environment;
/// it is in the OpenAPI document so the SPA's dev page uses the generated client like every other page.
/// </summary>
public sealed class DevOutbox : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var environment = app.ServiceProvider.GetRequiredService<IHostEnvironment>();
        if (!environment.IsDevelopment() && !OpenApiGeneration.IsRunning)
            return;

        app.MapGroup("/api/dev").WithTags("Dev").MapGet("/outbox", GetDevOutbox).ProducesValidationProblem();
    }

    public static async Task<Ok<IReadOnlyList<DevOutboxMessage>>> GetDevOutbox(ISender sender, CancellationToken cancellationToken, string? to = null, int take = 50) =>
        TypedResults.Ok(await sender.Send(new GetDevOutboxQuery(to, take), cancellationToken));
}
