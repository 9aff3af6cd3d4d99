using VirtuOps.Domain.Common;

namespace VirtuOps.Domain.PrivacyRequests;

public sealed record PrivacyRequestReceivedEvent(Guid PrivacyRequestId) : BaseEvent;
