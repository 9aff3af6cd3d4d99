namespace VirtuOps.Domain.Conversations;

public enum Channel
{
    Widget = 0,
    Telegram = 1,
    WhatsApp = 2,
    Instagram = 3,
}
