using VirtuOps.Application.AdminOperations.Queries.GetOperations;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>The platform's queues and background jobs at a glance, for staff on duty.</summary>
public sealed class AdminOperations : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapAdminGroup("/operations");
        group.MapGet("/", GetOperations);
    }

    /// <summary>
    /// Counts across tenants: channel webhooks not yet processed, replies waiting or given up per channel, integrators'
    /// webhooks pending or failed, receipts not yet e-mailed, data exports being built; each background job's last and
    /// next run; the latest demo requests.
    /// </summary>
    public static async Task<Ok<OperationsDto>> GetOperations(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetOperationsQuery(), cancellationToken));
}
