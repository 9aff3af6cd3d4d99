namespace VirtuOps.Domain.Billing;

public enum SubscriptionStatus
{
    /// <summary>Free trial: everything works, no card needed yet.</summary>
    Trialing = 0,

    /// <summary>Paid up for the current period.</summary>
    Active = 1,

    /// <summary>The renewal failed; retries follow the dunning schedule while the service keeps working.</summary>
    PastDue = 2,

    /// <summary>Every retry failed: bots stop answering until a payment succeeds.</summary>
    Suspended = 3,

    /// <summary>Ended by the owner at the end of a paid period; never charged again.</summary>
    Canceled = 4,

    /// <summary>The trial ended without a card: the tenant is read-only until a plan is paid for.</summary>
    Expired = 5,
}
