namespace VirtuOps.Application.Common.Interfaces;

/// <summary>A plain-text e-mail (with an optional HTML alternative) to one recipient.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody = null);

/// <summary>Sends e-mail through the configured transport.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
