using System.Reflection;

namespace VirtuOps.Application.Common.Behaviours;

/// <summary>Enforces <see cref="AuthorizeAttribute"/> on the message: 401 when anonymous, 403 when no required role is held.</summary>
public sealed class AuthorizationBehaviour<TMessage, TResponse>(ICurrentUser currentUser)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly AuthorizeAttribute[] Requirements =
        typeof(TMessage).GetCustomAttributes<AuthorizeAttribute>(inherit: true).ToArray();

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (Requirements.Length == 0)
            return next(message, cancellationToken);

        if (!currentUser.IsAuthenticated)
            throw new UnauthorizedAccessException();

        foreach (var requirement in Requirements)
        {
            var roles = requirement.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (roles.Length > 0 && !roles.Any(currentUser.IsInRole))
                throw new ForbiddenAccessException();
        }

        return next(message, cancellationToken);
    }
}
