namespace VirtuOps.Infrastructure.Messaging;

public enum SmsProvider
{
    /// <summary>Keeps messages in the dev outbox; refused outside Development.</summary>
    Development,
    Eskiz,
}

public enum EmailProvider
{
    /// <summary>Keeps messages in the dev outbox; refused outside Development.</summary>
    Development,
    Smtp,
}

/// <summary>Which transports deliver SMS (<c>Sms:Provider</c>) and e-mail (<c>Email:Provider</c>).</summary>
public sealed class MessagingOptions
{
    public SmsProvider Sms { get; set; } = SmsProvider.Development;

    public EmailProvider Email { get; set; } = EmailProvider.Development;

    public bool UsesDevelopmentSinks => Sms == SmsProvider.Development || Email == EmailProvider.Development;
}
