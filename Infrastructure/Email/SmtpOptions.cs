using System.ComponentModel.DataAnnotations;

namespace VirtuOps.Infrastructure.Email;

/// <summary>The <c>Email:Smtp</c> configuration section.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Email:Smtp";

    [Required]
    public string Host { get; set; } = string.Empty;

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>Upgrade the connection with STARTTLS and refuse a server that does not offer it. Turn off only for a relay on a trusted network.</summary>
    public bool UseStartTls { get; set; } = true;

    /// <summary>Sign in when set; an open relay needs no account.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    [Required, EmailAddress]
    public string FromAddress { get; set; } = string.Empty;

    public string FromName { get; set; } = "VirtuOps";
}
