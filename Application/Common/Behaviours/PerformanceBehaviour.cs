namespace VirtuOps.Application.Common.Behaviours;

/// <summary>Warns when a message takes longer than <see cref="SlowThreshold"/>, so slow paths show up in the logs.</summary>
public sealed class PerformanceBehaviour<TMessage, TResponse>(ILogger<TMessage> logger, TimeProvider timeProvider)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public static readonly TimeSpan SlowThreshold = TimeSpan.FromMilliseconds(500);

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var response = await next(message, cancellationToken);
        var elapsed = timeProvider.GetElapsedTime(started);
        if (elapsed > SlowThreshold)
            logger.LogWarning("Slow message {MessageName} took {ElapsedMilliseconds} ms", typeof(TMessage).Name, (long)elapsed.TotalMilliseconds);
        return response;
    }
}
