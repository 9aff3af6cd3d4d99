namespace VirtuOps.Application.Common.Behaviours;

/// <summary>Logs which message is handled for whom. Message bodies are not logged: they may hold personal data.</summary>
public sealed class LoggingBehaviour<TMessage, TResponse>(ILogger<TMessage> logger, ICurrentUser currentUser)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        // Checked first: reading the user and building the log state cost on every message even when nothing is logged.
        if (logger.IsEnabled(LogLevel.Information))
            logger.LogInformation("Handling {MessageName} for user {UserId}", typeof(TMessage).Name, currentUser.Id ?? "anonymous");
        return next(message, cancellationToken);
    }
}
