using System.ComponentModel.DataAnnotations.Schema;

namespace VirtuOps.Domain.Common;

/// <summary>An entity with a time-ordered, non-guessable identifier and pending domain events.</summary>
public abstract class BaseEntity
{
    private readonly List<BaseEvent> _domainEvents = [];

    // Version 7 GUIDs sort by creation time, which keeps clustered indexes from fragmenting.
    public Guid Id { get; protected init; } = Guid.CreateVersion7();

    [NotMapped]
    public IReadOnlyCollection<BaseEvent> DomainEvents => _domainEvents.AsReadOnly();

    protected void AddDomainEvent(BaseEvent domainEvent) => _domainEvents.Add(domainEvent);

    public void ClearDomainEvents() => _domainEvents.Clear();
}
