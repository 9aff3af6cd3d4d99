namespace VirtuOps.Domain.Conversations;

public enum ConversationStatus
{
    /// <summary>The bot answers.</summary>
    Bot = 0,

    /// <summary>The customer asked for a person; the bot is quiet until an agent replies.</summary>
    WaitingForHuman = 1,

    /// <summary>An agent is answering; the bot stays quiet until handed back.</summary>
    Human = 2,

    Closed = 3,
}
