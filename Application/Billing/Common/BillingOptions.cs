namespace VirtuOps.Application.Billing.Common;

/// <summary>A plan as configured (section <c>Billing:Plans</c>); prices in tiyin (1 UZS = 100 tiyin).</summary>
public sealed class PlanDefinition
{
    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public long MonthlyPriceTiyin { get; set; }

    public int MaxBots { get; set; }

    public int MaxChannels { get; set; }

    public int MaxMessagesPerMonth { get; set; }

    /// <summary>The MXIK (IKPU) product code printed on fiscal receipts: 17 digits.</summary>
    public string MxikCode { get; set; } = string.Empty;

    public string PackageCode { get; set; } = string.Empty;

    public int VatPercent { get; set; } = 12;

    /// <summary>The seller's STIR (9 digits) printed on each receipt line: ours, as the company that sells the plan.</summary>
    public string Tin { get; set; } = string.Empty;
}

/// <summary>The <c>Billing</c> section: plans, trial, charge schedule and concurrency.</summary>
public sealed class BillingOptions
{
    public const string SectionName = "Billing";

    public List<PlanDefinition> Plans { get; set; } = [];

    public int TrialDays { get; set; } = 14;

    /// <summary>Cron (Quartz syntax) of the renewal job; daily at 06:00 by default.</summary>
    public string ChargeCron { get; set; } = "0 0 6 * * ?";

    /// <summary>
    /// Whether this instance schedules the renewal job. With several instances, let one run it (correctness does not
    /// depend on it: charges are exactly-once in the database), and tests run renewals by hand.
    /// </summary>
    public bool RunRenewalJob { get; set; } = true;

    /// <summary>How many renewals talk to Paylov at once.</summary>
    public int ChargeConcurrency { get; set; } = 16;

    public PlanDefinition? Find(string code) => Plans.Find(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase));
}
