using VirtuOps.Domain.DemoRequests;

namespace VirtuOps.Application.DemoRequests.EventHandlers;

/// <summary>Tells the sales team, through the logs, that a prospect is waiting. Personal fields stay out of the log.</summary>
public sealed class DemoRequestSubmittedEventHandler(ILogger<DemoRequestSubmittedEventHandler> logger)
    : INotificationHandler<DemoRequestSubmittedEvent>
{
    public ValueTask Handle(DemoRequestSubmittedEvent notification, CancellationToken cancellationToken)
    {
        logger.LogInformation("Demo request {DemoRequestId} submitted", notification.DemoRequestId);
        return ValueTask.CompletedTask;
    }
}
