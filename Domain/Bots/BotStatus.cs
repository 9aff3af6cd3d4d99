namespace VirtuOps.Domain.Bots;

public enum BotStatus
{
    Active = 0,

    /// <summary>Keeps its conversations but does not answer; messages wait for a human.</summary>
    Paused = 1,
}
