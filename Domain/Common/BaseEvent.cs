using Mediator;

namespace VirtuOps.Domain.Common;

/// <summary>Something that happened in the domain; published after the change is saved.</summary>
public abstract record BaseEvent : INotification;
