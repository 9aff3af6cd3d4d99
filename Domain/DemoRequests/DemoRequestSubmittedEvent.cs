using VirtuOps.Domain.Common;

namespace VirtuOps.Domain.DemoRequests;

public sealed record DemoRequestSubmittedEvent(Guid DemoRequestId) : BaseEvent;
