namespace VirtuOps.Domain.Conversations;

public enum MessageContentType
{
    Text = 0,
    Image = 1,
    Audio = 2,
    Voice = 3,
    Video = 4,
    Document = 5,
    Sticker = 6,
    Location = 7,
    Contact = 8,

    /// <summary>A button or list reply (WhatsApp interactive, Telegram callback, Instagram quick reply).</summary>
    Interactive = 9,

    /// <summary>A message shape the channel sent that we do not render; the raw event is kept.</summary>
    Unsupported = 10,
}

/// <summary>
/// What a message carries. <see cref="Text"/> is the text, caption or a readable summary (a location's
/// coordinates, a contact's name); <see cref="Data"/> is the structured detail as JSON (media reference and mime
/// type, coordinates, phone number, button id) — media is kept as the provider's reference, never downloaded.
/// </summary>
public sealed record MessageContent(MessageContentType Type, string Text, string? Data = null)
{
    public const int DataMaxLength = 4000;

    public static MessageContent PlainText(string text) => new(MessageContentType.Text, text);

    /// <summary>The inbox preview: the text, or the kind of content when there is none (a photo without caption).</summary>
    public string Preview => Text.Length > 0 ? Text : $"[{Type.ToString().ToLowerInvariant()}]";
}
