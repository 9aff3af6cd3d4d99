namespace VirtuOps.Domain.PrivacyRequests;

/// <summary>Which right a data-subject request exercises (Privacy Policy, section 8).</summary>
public enum PrivacyRequestKind
{
    /// <summary>A copy of the person's data (the export).</summary>
    Access = 0,

    Erasure = 1,

    Restriction = 2,

    Rectification = 3,

    ConsentWithdrawal = 4,

    /// <summary>Anything else typed into the "Contact the privacy team" form.</summary>
    Other = 5,

    /// <summary>A tenant exported one end customer's data for them (the tenant is that customer's controller).</summary>
    ContactExport = 6,

    /// <summary>A tenant erased one end customer's data at their request.</summary>
    ContactErasure = 7,
}
