using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using VirtuOps.Application.Common.Exceptions;
using VirtuOps.Application.Common.Interfaces;

namespace VirtuOps.Infrastructure.Email;

/// <summary>Sends each e-mail over its own SMTP connection (MailKit): plain text, with HTML as an alternative when given.</summary>
internal sealed class MailKitEmailSender(IOptions<SmtpOptions> options, ILogger<MailKitEmailSender> logger) : IEmailSender
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = options.Value;
        using var mime = ToMime(message, smtp);

        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken);
            await client.SendAsync(mime, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // MailKit's messages carry the server's reply and never the password; the address is the operator's clue.
            throw new EmailDeliveryException($"The SMTP server {smtp.Host}:{smtp.Port} did not take the e-mail: {ex.Message}", ex);
        }

        logger.LogInformation("Sent e-mail {MessageId} through {SmtpHost}", mime.MessageId, smtp.Host);
        await QuitAsync(client, smtp.Host);
    }

    // The server has taken the message: a failed goodbye loses nothing, and reporting it as a failure would invite a
    // second copy.
    private async Task QuitAsync(SmtpClient client, string host)
    {
        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or MailKit.CommandException or MailKit.ProtocolException)
        {
            logger.LogDebug(ex, "Closing the SMTP connection to {SmtpHost} failed after the e-mail was sent", host);
        }
    }

    private static MimeMessage ToMime(EmailMessage message, SmtpOptions smtp)
    {
        if (!MailboxAddress.TryParse(message.To, out var to))
            throw new ArgumentException("The recipient is not an e-mail address.", nameof(message));

        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        var mime = new MimeMessage { Subject = message.Subject, Body = body.ToMessageBody() };
        mime.From.Add(new MailboxAddress(smtp.FromName, smtp.FromAddress));
        mime.To.Add(to);
        return mime;
    }
}
