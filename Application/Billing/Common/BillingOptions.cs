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

    /// <summary>Requests one API key may make per minute; 0 means <c>Plans:DefaultApiRequestsPerMinute</c>.</summary>
    public int ApiRequestsPerMinute { get; set; }

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

    /// <summary>How long the trial that sign-up starts lasts; no card is asked for until it ends.</summary>
    public int TrialDays { get; set; } = 14;

    /// <summary>The plan a sign-up's trial is of (its limits apply); the first configured plan when empty.</summary>
    public string DefaultPlan { get; set; } = string.Empty;

    /// <summary>Cron (Quartz syntax) of the trial job: reminders before a trial ends, and the paywall when it has ended. Hourly by default.</summary>
    public string TrialCron { get; set; } = "0 5 * * * ?";

    /// <summary>What the bots answer, in the customer's language, while a tenant whose trial ended has not paid.</summary>
    public UnavailableMessages UnavailableMessage { get; set; } = new();

    /// <summary>What the bots say, in the customer's language, as they hand a conversation to a person because the month's answers are used up.</summary>
    public LimitReachedMessages LimitReachedMessage { get; set; } = new();

    public PlanDefinition DefaultPlanDefinition => (DefaultPlan.Length == 0 ? Plans.FirstOrDefault() : Find(DefaultPlan))
        ?? throw new InvalidOperationException("Billing:DefaultPlan is not a configured plan.");

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

/// <summary>A text the bots send in the customer's language: one per language the product speaks.</summary>
public abstract class LocalisedReply
{
    public string Uz { get; set; } = string.Empty;

    public string Ru { get; set; } = string.Empty;

    public string En { get; set; } = string.Empty;

    private static readonly string[] EnglishWords = ["the", "is", "are", "you", "your", "what", "how", "when", "where", "hello", "hi", "please", "can", "do", "i", "my", "price"];

    public bool IsValid => new[] { Uz, Ru, En }.All(m => !string.IsNullOrWhiteSpace(m) && m.Length <= 1000);

    /// <summary>
    /// The text in the language the customer wrote in, as far as one message tells: Cyrillic is Russian unless it has
    /// letters only Uzbek uses (ў, қ, ғ, ҳ); Latin is English when it has common English words, else Uzbek.
    /// </summary>
    public string InLanguageOf(string customerText)
    {
        if (customerText.Any(c => c is >= '\u0400' and <= '\u04FF'))
            return customerText.Any(c => "ўқғҳЎҚҒҲ".Contains(c)) ? Uz : Ru;
        var words = customerText.ToLowerInvariant().Split([' ', ',', '.', '?', '!', '\'', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return words.Any(w => EnglishWords.Contains(w)) ? En : Uz;
    }
}

/// <summary>The section <c>Billing:UnavailableMessage</c>.</summary>
public sealed class UnavailableMessages : LocalisedReply
{
    public UnavailableMessages()
    {
        Uz = "Kechirasiz, xizmat vaqtincha mavjud emas. Xabaringiz saqlandi, keyinroq javob beramiz.";
        Ru = "Извините, сервис временно недоступен. Ваше сообщение сохранено, мы ответим позже.";
        En = "Sorry, this service is temporarily unavailable. Your message has been saved and we will reply later.";
    }
}

/// <summary>The section <c>Billing:LimitReachedMessage</c>: sent as the conversation is handed to a person, once the month's answers are used up.</summary>
public sealed class LimitReachedMessages : LocalisedReply
{
    public LimitReachedMessages()
    {
        Uz = "Xabaringiz qabul qilindi. Sizga tez orada operatorimiz javob beradi.";
        Ru = "Ваше сообщение получено. Скоро вам ответит наш оператор.";
        En = "Your message has been received. One of our team will reply to you soon.";
    }
}
