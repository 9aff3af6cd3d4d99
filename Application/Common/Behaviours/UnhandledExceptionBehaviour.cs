namespace VirtuOps.Application.Common.Behaviours;

/// <summary>Outermost behaviour: logs any exception a message causes, with the message name, then rethrows.</summary>
public sealed class UnhandledExceptionBehaviour<TMessage, TResponse>(ILogger<TMessage> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not (ValidationException or NotFoundException or ForbiddenAccessException
                                       or SignInRequiredException or ConflictException or OperationCanceledException
                                       or Domain.Exceptions.DomainRuleViolationException or Channels.Common.ChannelApiException
                                       or Billing.Payments.PaymentRefusedException))
        {
            // Expected outcomes (validation, not found, a provider that is down, ...) are answered to the caller, not
            // logged as errors; the channel adapters log provider failures as warnings.
            logger.LogError(ex, "Unhandled exception for {MessageName}", typeof(TMessage).Name);
            throw;
        }
    }
}
