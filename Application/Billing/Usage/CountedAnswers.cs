using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Billing.Usage;

/// <summary>
/// The bot's answers added in this scope that the plan counts, until they are saved. The persistence layer adds them
/// to the tenant's <see cref="Domain.Billing.MessageUsage"/> in the same save (one transaction) as the answers: an
/// answer that is not saved is not counted, and one that is saved always is. Its own class, free of dependencies,
/// because the database context itself depends on it.
/// </summary>
public sealed class CountedAnswers
{
    private readonly HashSet<Message> _pending = new(ReferenceEqualityComparer.Instance);

    public void Add(Message answer) => _pending.Add(answer);

    public bool Contains(Message message) => _pending.Contains(message);

    /// <summary>Answers not yet saved, of a tenant in a month: they count towards the limit before they reach the row.</summary>
    public int PendingFor(Guid tenantId, string month) =>
        _pending.Count(m => m.TenantId == tenantId && Domain.Billing.MessageUsage.MonthOf(m.SentAt) == month);

    /// <summary>A save has ended, committed or not: its answers are counted in the row, or were never stored.</summary>
    public void Forget(IEnumerable<Message> messages) => _pending.ExceptWith(messages);
}
