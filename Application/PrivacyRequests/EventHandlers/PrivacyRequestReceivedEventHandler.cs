using VirtuOps.Application.PrivacyRequests.Common;
using VirtuOps.Domain.PrivacyRequests;

namespace VirtuOps.Application.PrivacyRequests.EventHandlers;

/// <summary>
/// Tells the privacy team of every new request and acknowledges an open one to its requester. The request is already
/// saved: a failed e-mail is logged, not thrown, so the requester's action still succeeds; the reminder before the due
/// date reaches the team regardless.
/// </summary>
public sealed class PrivacyRequestReceivedEventHandler(
    IApplicationDbContext context, PrivacyRequestMail mail, ILogger<PrivacyRequestReceivedEventHandler> logger)
    : INotificationHandler<PrivacyRequestReceivedEvent>
{
    public async ValueTask Handle(PrivacyRequestReceivedEvent notification, CancellationToken cancellationToken)
    {
        var request = await context.PrivacyRequests.AsNoTracking().SingleAsync(r => r.Id == notification.PrivacyRequestId, cancellationToken);
        try
        {
            await mail.TellTeamAsync(request, cancellationToken);
            if (request.IsOpen)
                await mail.AcknowledgeAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Could not e-mail about privacy request {PrivacyRequestId}", request.Id);
        }
    }
}
