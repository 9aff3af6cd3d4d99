namespace VirtuOps.Application.Development.Queries.GetDevOutbox;

/// <summary>The newest messages the development sinks kept, optionally only those to one recipient.</summary>
public sealed record GetDevOutboxQuery(string? To = null, int Take = 50) : IQuery<IReadOnlyList<DevOutboxMessage>>;

public sealed class GetDevOutboxQueryHandler(IDevOutbox outbox) : IQueryHandler<GetDevOutboxQuery, IReadOnlyList<DevOutboxMessage>>
{
    public ValueTask<IReadOnlyList<DevOutboxMessage>> Handle(GetDevOutboxQuery query, CancellationToken cancellationToken)
    {
        var messages = outbox.Newest(query.Take);
        return ValueTask.FromResult<IReadOnlyList<DevOutboxMessage>>(string.IsNullOrWhiteSpace(query.To)
            ? messages
            : messages.Where(m => string.Equals(m.To, query.To.Trim(), StringComparison.OrdinalIgnoreCase)).ToList());
    }
}

public sealed class GetDevOutboxQueryValidator : AbstractValidator<GetDevOutboxQuery>
{
    public GetDevOutboxQueryValidator() => RuleFor(q => q.Take).InclusiveBetween(1, DevOutboxLimits.Capacity);
}

public static class DevOutboxLimits
{
    public const int Capacity = 200;
}
