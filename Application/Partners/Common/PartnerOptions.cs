namespace VirtuOps.Application.Partners.Common;

/// <summary>The <c>Partners</c> section: what a referral earns, for how long, and the smallest payout.</summary>
public sealed class PartnerOptions
{
    public const string SectionName = "Partners";

    /// <summary>The partner's share of each paid charge of a tenant it referred, in percent.</summary>
    public int CommissionPercent { get; set; } = 20;

    /// <summary>For how many months after the referred tenant signed up its charges earn a commission.</summary>
    public int CommissionMonths { get; set; } = 12;

    /// <summary>The smallest payout a partner may request, in tiyin (default 100,000 UZS).</summary>
    public long MinimumPayoutTiyin { get; set; } = 10_000_000;

    /// <summary>
    /// How long after a payout's sending started its outcome may still arrive (longer than a Paylov call's timeout):
    /// only then does approving it again ask Paylov by external id and, if Paylov never got it, send it again.
    /// </summary>
    public TimeSpan PayoutReconcileAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Cron (Quartz syntax) of the job that accrues commissions on newly paid charges; every 10 minutes by default.</summary>
    public string AccrualCron { get; set; } = "0 0/10 * * * ?";
}
