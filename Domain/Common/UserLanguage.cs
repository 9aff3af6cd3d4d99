namespace VirtuOps.Domain.Common;

/// <summary>The languages the product speaks to people in: Uzbek (Latin), Russian and English.</summary>
public enum UserLanguage
{
    Uz = 0,
    Ru = 1,
    En = 2,
}
