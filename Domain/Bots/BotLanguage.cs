namespace VirtuOps.Domain.Bots;

/// <summary>Languages a bot speaks; Uzbek is written in both Latin and Cyrillic script.</summary>
public enum BotLanguage
{
    UzLatn = 0,
    UzCyrl = 1,
    Ru = 2,
    En = 3,
}
