using VirtuOps.Application.Billing.Common;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Billing.Usage;

/// <summary>
/// The plan's messages per month, as the conversation flow meets them. What counts is the bot's answers: each text the
/// answer engine (knowledge base or AI) writes back to a customer, the work the plan's price pays for. Customers'
/// messages, agents' replies, hand-over notices and the "unavailable" or "limit reached" texts are not counted. At the
/// limit the customers' messages are still stored; the bot hands the conversation to a person instead of answering.
/// The owner is e-mailed at 80 % and at 100 %, each once a month.
/// </summary>
public sealed class AnswerMeter(
    IApplicationDbContext context, CountedAnswers counted, TenantPlans plans, IDatabaseWriter writer, BillingMail mail, ILogger<AnswerMeter> logger)
{
    private readonly Dictionary<Guid, PlanDefinition> _plans = [];
    private readonly HashSet<Guid> _answeredTenants = [];

    /// <summary>
    /// Whether the bot may answer one more message of the tenant this month: the answers saved and those waiting for
    /// this scope's save are below the limit. Answers racing in other requests may pass it together by a few; the count
    /// itself never loses one.
    /// </summary>
    public async Task<bool> MayAnswerAsync(Guid tenantId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var month = MessageUsage.MonthOf(now);
        var limit = (await PlanAsync(tenantId, cancellationToken)).MaxMessagesPerMonth;
        return await SavedAnswersAsync(tenantId, month, cancellationToken) + counted.PendingFor(tenantId, month) < limit;
    }

    /// <summary>The answer is counted when it is saved.</summary>
    public void Count(Message answer)
    {
        counted.Add(answer);
        _answeredTenants.Add(answer.TenantId);
    }

    /// <summary>Once this scope's answers are saved: the 80 % or 100 % warning, if one is now due, to each answering tenant's owner.</summary>
    public async Task WarnOwnersAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var month = MessageUsage.MonthOf(now);
        foreach (var tenantId in _answeredTenants)
        {
            var usage = await context.MessageUsages.IgnoreQueryFilters().AsNoTracking()
                .SingleOrDefaultAsync(u => u.TenantId == tenantId && u.Month == month, cancellationToken);
            var plan = await PlanAsync(tenantId, cancellationToken);
            if (usage is null || MessageUsage.WarningDue(usage.Answers, plan.MaxMessagesPerMonth, usage.WarnedPercent) is not { } percent)
                continue;
            if (await ClaimWarningAsync(usage.Id, percent, cancellationToken))
                await SendAsync(tenantId, percent, plan.MaxMessagesPerMonth, cancellationToken);
        }

        _answeredTenants.Clear();
    }

    private Task<int> SavedAnswersAsync(Guid tenantId, string month, CancellationToken cancellationToken) =>
        context.MessageUsages.IgnoreQueryFilters().Where(u => u.TenantId == tenantId && u.Month == month).Select(u => u.Answers).SingleOrDefaultAsync(cancellationToken);

    private async Task<PlanDefinition> PlanAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        // Read once per tenant and scope: the inbox processor answers many messages in one scope.
        if (!_plans.TryGetValue(tenantId, out var plan))
            _plans[tenantId] = plan = await plans.OfTenantAsync(tenantId, cancellationToken);
        return plan;
    }

    // Claimed by a conditional update before sending: racing requests past the threshold never both send it.
    private Task<bool> ClaimWarningAsync(Guid usageId, int percent, CancellationToken cancellationToken) =>
        writer.RunExclusiveAsync(async () => await context.MessageUsages.IgnoreQueryFilters()
            .Where(u => u.Id == usageId && u.WarnedPercent < percent)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.WarnedPercent, percent), cancellationToken) == 1, cancellationToken);

    private async Task SendAsync(Guid tenantId, int percent, int limit, CancellationToken cancellationToken)
    {
        try
        {
            var (subject, body) = percent >= 100 ? LimitReached(limit) : NearLimit(percent, limit);
            await mail.SendToOwnerAsync(tenantId, subject, body, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The warning is claimed; a lost e-mail is not worth sending twice for, and the customer's answer stands.
            logger.LogError(exception, "Could not e-mail the owner of tenant {TenantId} about the message limit", tenantId);
        }
    }

    private static (string, string) NearLimit(int percent, int limit) => (
        $"VirtuOps: oylik javoblarning {percent}% ishlatildi / Использовано {percent}% ответов за месяц / {percent}% of this month's answers used",
        $"Botlaringiz bu oy tarifingizdagi {limit} ta javobning {percent}% ini berdi. Limitga yetganda botlar suhbatlarni operatorlaringizga topshiradi. Kattaroq tarifni “To‘lov” sahifasida tanlashingiz mumkin.\n\n" +
        $"Ваши боты дали {percent}% из {limit} ответов вашего тарифа в этом месяце. По достижении лимита боты будут передавать диалоги вашим операторам. Тариф побольше можно выбрать на странице «Оплата».\n\n" +
        $"Your bots have given {percent}% of the {limit} answers your plan includes this month. At the limit they hand conversations to your team instead of answering. You can choose a larger plan on the Billing page.");

    private static (string, string) LimitReached(int limit) => (
        "VirtuOps: oylik javoblar limiti tugadi / Лимит ответов за месяц исчерпан / This month's answer limit is reached",
        $"Botlaringiz bu oy tarifingizdagi barcha {limit} ta javobni berdi. Oy oxirigacha botlar suhbatlarni operatorlaringizga topshiradi; mijozlarning xabarlari saqlanadi. Kattaroq tarifni “To‘lov” sahifasida tanlashingiz mumkin.\n\n" +
        $"Ваши боты дали все {limit} ответов вашего тарифа в этом месяце. До конца месяца боты передают диалоги вашим операторам; сообщения клиентов сохраняются. Тариф побольше можно выбрать на странице «Оплата».\n\n" +
        $"Your bots have given all {limit} answers your plan includes this month. Until the month ends they hand conversations to your team; customers' messages are kept. You can choose a larger plan on the Billing page.");
}
