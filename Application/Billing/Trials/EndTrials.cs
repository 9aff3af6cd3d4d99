using System.Globalization;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.Billing.Trials;

/// <summary>
/// Sent by the trial job (<c>Billing:TrialCron</c>): reminds each owner whose trial has no card yet, 3 days and 1 day
/// before it ends (once each), and puts a trial that ended without a card behind the paywall: the tenant becomes
/// read-only and its bots tell customers the service is temporarily unavailable, until a plan is paid for.
/// A trial with a card is renewed by the billing job instead.
/// </summary>
public sealed record EndTrialsCommand : ICommand<TrialRunSummary>;

public sealed record TrialRunSummary(int Reminded, int Expired);

public sealed class EndTrialsCommandHandler(
    IApplicationDbContext context, IDatabaseWriter writer, BillingMail mail, TimeProvider time, ILogger<EndTrialsCommandHandler> logger)
    : ICommandHandler<EndTrialsCommand, TrialRunSummary>
{
    public async ValueTask<TrialRunSummary> Handle(EndTrialsCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var firstReminderFrom = now.AddDays(Subscription.TrialReminderDaysBefore.Max());
        // The job serves every tenant, so it looks across them.
        var trials = await context.Subscriptions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.Status == SubscriptionStatus.Trialing && s.CurrentPeriodEnd <= firstReminderFrom
                && !context.PaymentMethods.IgnoreQueryFilters().Any(p => p.TenantId == s.TenantId && p.RemovedAt == null))
            .ToListAsync(cancellationToken);

        var (reminded, expired) = (0, 0);
        foreach (var trial in trials)
        {
            if (trial.TrialReminderDue(now) is { } daysBefore && await ClaimReminderAsync(trial, daysBefore, cancellationToken))
            {
                reminded++;
                await SendAsync(trial.TenantId, ReminderOf(trial.CurrentPeriodEnd, daysBefore), cancellationToken);
            }
            else if (await ExpireAsync(trial, now, cancellationToken))
            {
                expired++;
                await SendAsync(trial.TenantId, Ended, cancellationToken);
            }
        }

        return new TrialRunSummary(reminded, expired);
    }

    // Claimed by a conditional update before sending: two runs (or instances) never both send one reminder.
    private Task<bool> ClaimReminderAsync(Subscription trial, int daysBefore, CancellationToken cancellationToken) =>
        writer.RunExclusiveAsync(async () => await context.Subscriptions.IgnoreQueryFilters()
            .Where(s => s.Id == trial.Id && s.Status == SubscriptionStatus.Trialing
                && (s.TrialRemindedDaysBefore == null || s.TrialRemindedDaysBefore > daysBefore))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.TrialRemindedDaysBefore, daysBefore), cancellationToken) == 1, cancellationToken);

    /// <summary>The subscription and the tenant's paywall in one save; a checkout that got there first wins (the status is a concurrency token).</summary>
    private async Task<bool> ExpireAsync(Subscription trial, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now < trial.CurrentPeriodEnd)
            return false;
        var subscription = await context.Subscriptions.IgnoreQueryFilters().SingleAsync(s => s.Id == trial.Id, cancellationToken);
        if (!subscription.ExpireTrial(now))
            return false;
        var tenant = await context.Tenants.IgnoreQueryFilters().SingleAsync(t => t.Id == trial.TenantId, cancellationToken);
        tenant.Restrict(TenantRestrictions.PaymentRequired, now);
        try
        {
            await writer.RunExclusiveAsync(() => context.SaveChangesAsync(cancellationToken), cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Trial {SubscriptionId} was paid for while it was being ended; left as it is", trial.Id);
            // Forgotten, so the next trial's save does not retry them.
            context.Subscriptions.Entry(subscription).State = EntityState.Detached;
            context.Tenants.Entry(tenant).State = EntityState.Detached;
            return false;
        }
    }

    private async Task SendAsync(Guid tenantId, (string Subject, string Body) message, CancellationToken cancellationToken)
    {
        try
        {
            await mail.SendToOwnerAsync(tenantId, message.Subject, message.Body, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The state is saved; a lost reminder is not worth sending twice for.
            logger.LogError(exception, "Could not e-mail the owner of tenant {TenantId} about the trial", tenantId);
        }
    }

    private static (string, string) ReminderOf(DateTimeOffset end, int daysBefore)
    {
        var at = end.ToOffset(TashkentOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return ($"VirtuOps: sinov muddati {daysBefore} kundan keyin tugaydi / Пробный период закончится через {daysBefore} дн. / Your trial ends in {daysBefore} day(s)",
            $"Sinov muddatingiz {at} da (Toshkent vaqti) tugaydi. Botlaringiz javob berishda davom etishi uchun “To‘lov” sahifasida tarifni tanlang va kartani qo‘shing.\n\n" +
            $"Ваш пробный период закончится {at} (по Ташкенту). Чтобы боты продолжали отвечать, выберите тариф и добавьте карту на странице «Оплата».\n\n" +
            $"Your trial ends on {at} (Tashkent time). To keep your bots answering, choose a plan and add a card on the Billing page.");
    }

    private static readonly (string, string) Ended = (
        "VirtuOps: sinov muddati tugadi / Пробный период закончился / Your trial has ended",
        "Sinov muddati tugadi: hisobingiz faqat o‘qish uchun ochiq, botlar mijozlarga xizmat vaqtincha mavjud emasligini aytadi. Mijozlarning xabarlari saqlanadi. To‘lovdan so‘ng hammasi darhol qayta ishlaydi.\n\n" +
        "Пробный период закончился: аккаунт доступен только для чтения, боты сообщают клиентам, что сервис временно недоступен. Сообщения клиентов сохраняются. После оплаты всё сразу заработает снова.\n\n" +
        "Your trial has ended: the account is read-only and the bots tell customers the service is temporarily unavailable. Customers' messages are kept. Once you pay for a plan, everything works again at once.");

    private static readonly TimeSpan TashkentOffset = TimeSpan.FromHours(5);
}
