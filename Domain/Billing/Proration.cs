namespace VirtuOps.Domain.Billing;

/// <summary>What an upgrade costs for the rest of a paid period.</summary>
public static class Proration
{
    /// <summary>
    /// <c>(newPrice - oldPrice) × remaining days ÷ period days</c>, in tiyin rounded half up; a started day counts as
    /// remaining (it is served on the new plan). Nothing for a cheaper or equal plan, or once the period is over.
    /// </summary>
    public static long UpgradeTiyin(long oldMonthlyTiyin, long newMonthlyTiyin, DateTimeOffset periodStart, DateTimeOffset periodEnd, DateTimeOffset now)
    {
        if (newMonthlyTiyin <= oldMonthlyTiyin || now >= periodEnd)
            return 0;
        var periodDays = Math.Max(1, (int)Math.Round((periodEnd - periodStart).TotalDays));
        var remainingDays = Math.Min(periodDays, (int)Math.Ceiling((periodEnd - (now < periodStart ? periodStart : now)).TotalDays));
        return (long)Math.Round((decimal)(newMonthlyTiyin - oldMonthlyTiyin) * remainingDays / periodDays, MidpointRounding.AwayFromZero);
    }
}
