using System.Globalization;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;
using VirtuOps.Domain.PrivacyRequests;

namespace VirtuOps.Application.PrivacyRequests.Common;

/// <summary>The e-mails about data-subject requests: to the privacy team, and the acknowledgement and answer to the requester.</summary>
public sealed class PrivacyRequestMail(IEmailSender email, IIdentityService identity, IOptions<PrivacyRequestOptions> options, IOptions<AppLinksOptions> links)
{
    public Task TellTeamAsync(PrivacyRequest request, CancellationToken cancellationToken) =>
        email.SendAsync(new EmailMessage(
            options.Value.TeamEmail,
            $"VirtuOps privacy request {request.Kind}, due {Date(request.DueAt)}",
            $"A new data-subject request was received.\n\n{Summary(request)}"),
            cancellationToken);

    public Task RemindTeamAsync(PrivacyRequest request, CancellationToken cancellationToken) =>
        email.SendAsync(new EmailMessage(
            options.Value.TeamEmail,
            $"Reminder: VirtuOps privacy request {request.Kind} is due {Date(request.DueAt)}",
            $"This request is still unanswered and falls due in {BusinessCalendar.ReminderBusinessDaysBeforeDue} business days.\n\n{Summary(request)}"),
            cancellationToken);

    /// <summary>Tells the requester the request arrived and by when it will be answered.</summary>
    public async Task AcknowledgeAsync(PrivacyRequest request, CancellationToken cancellationToken)
    {
        if (await RequesterAddressAsync(request, cancellationToken) is not { } address)
            return;
        var due = Date(request.DueAt);
        await email.SendAsync(new EmailMessage(
            address,
            "VirtuOps: soʻrovingiz qabul qilindi / Ваш запрос получен / Your privacy request was received",
            $"Shaxsiy maʼlumotlar boʻyicha soʻrovingizni qabul qildik; javob {due} gacha (15 ish kuni ichida) beriladi.\n\n" +
            $"Мы получили ваш запрос о персональных данных; ответим до {due} (в течение 15 рабочих дней).\n\n" +
            $"We received your personal-data request and will answer by {due} (within 15 business days).\n\n" +
            $"Soʻrov / Запрос / Request: {request.Id}"),
            cancellationToken);
    }

    /// <summary>Sends the requester the platform's answer (or why the request was closed without one), which is kept on the request.</summary>
    public async Task SendAnswerAsync(PrivacyRequest request, CancellationToken cancellationToken)
    {
        if (await RequesterAddressAsync(request, cancellationToken) is not { } address)
            return;
        var heading = request.Status == PrivacyRequestStatus.Rejected
            ? "Soʻrovingiz bajarilmasdan yopildi / Ваш запрос закрыт без исполнения / Your request was closed without being fulfilled"
            : "Soʻrovingizga javob / Ответ на ваш запрос / The answer to your request";
        await email.SendAsync(new EmailMessage(
            address,
            "VirtuOps: shaxsiy maʼlumotlar boʻyicha soʻrov / запрос о персональных данных / your privacy request",
            $"{heading}\n\n{request.Answer}\n\nSoʻrov / Запрос / Request: {request.Id}"),
            cancellationToken);
    }

    /// <summary>
    /// One staff member's daily digest: every open request due within 3 business days, soonest first, with the business
    /// days left (negative: overdue by that many); in Uzbek, Russian and English, as the requester e-mails are.
    /// </summary>
    public Task SendDigestAsync(string to, IReadOnlyList<(PrivacyRequest Request, int BusinessDaysLeft)> due, CancellationToken cancellationToken)
    {
        var days = BusinessCalendar.ReminderBusinessDaysBeforeDue;
        var lines = string.Join("\n", due.Select(d =>
            $"{Date(d.Request.DueAt)} | {d.Request.Kind} | {d.BusinessDaysLeft.ToString(CultureInfo.InvariantCulture)} | {d.Request.Id}"));
        return email.SendAsync(new EmailMessage(
            to,
            $"VirtuOps: muddati yaqin soʻrovlar / запросы с близким сроком / privacy requests due soon ({due.Count})",
            $"Bu soʻrovlarga {days} ish kuni ichida javob berish kerak (muddati oʻtganlari ham shu yerda).\n" +
            $"На эти запросы нужно ответить в течение {days} рабочих дней (просроченные тоже здесь).\n" +
            $"These requests fall due within {days} business days (overdue ones are here too).\n\n" +
            "Muddat | Tur | Qolgan ish kunlari (manfiy: muddati oʻtgan) | ID\n" +
            "Срок | Вид | Осталось рабочих дней (минус: просрочен) | ID\n" +
            "Due | Kind | Business days left (negative: overdue) | ID\n\n" +
            $"{lines}\n\n" +
            $"Navbat / Очередь / Queue: {links.Value.Link("/admin/privacy-requests")}"),
            cancellationToken);
    }

    private async Task<string?> RequesterAddressAsync(PrivacyRequest request, CancellationToken cancellationToken) =>
        request.Email ?? (request.UserId is { } userId ? (await identity.FindByIdAsync(userId, cancellationToken))?.Email : null);

    private static string Summary(PrivacyRequest request) =>
        $"Id: {request.Id}\nKind: {request.Kind}\nStatus: {request.Status}\n" +
        $"Requester: {(request.UserId is { } userId ? $"user {userId}, tenant {request.TenantId}" : request.Email)}\n" +
        $"Received: {request.ReceivedAt:u}\nDue: {request.DueAt:u}\n\n{request.Text}";

    private static string Date(DateTimeOffset at) =>
        at.ToOffset(BusinessCalendar.TashkentOffset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
