namespace VirtuOps.Infrastructure.Paylov.Sandbox;

/// <summary>
/// SANDBOX ONLY: the test cards the in-process sandbox gateway accepts (any future expiry, any 3-digit CVV). Every
/// number passes the Luhn check; no other number is accepted, so a real card typed by mistake goes nowhere.
/// </summary>
public static class SandboxCards
{
    /// <summary>UzCard: binds and pays.</summary>
    public const string UzCardSucceeds = "8600000000000007";

    /// <summary>Humo: binds and pays.</summary>
    public const string HumoSucceeds = "9860000000000018";

    /// <summary>The bank declines it (binding fails with <c>declined</c>).</summary>
    public const string Declined = "8600000000000015";

    /// <summary>Not enough money: the hosted binding fails with <c>insufficient_funds</c>; bound directly, every payment is declined so.</summary>
    public const string InsufficientFunds = "8600000000000023";

    /// <summary>Asks for the SMS code <see cref="OtpCode"/> before binding; later charges succeed.</summary>
    public const string RequiresOtp = "8600000000000031";

    /// <summary>Binds and pays the first payment, then every renewal fails with insufficient funds (for dunning).</summary>
    public const string RenewalsFail = "8600000000000049";

    /// <summary>The SMS code the <see cref="RequiresOtp"/> card expects.</summary>
    public const string OtpCode = "123456";

    /// <summary>A PINFL the sandbox's PINFL check says does not belong to the card's holder (every other one does).</summary>
    public const string MismatchedPinfl = "30000000000000";

    /// <summary>Wrong codes allowed before the binding fails.</summary>
    public const int OtpAttempts = 3;

    internal static SandboxCardBehaviour? Find(string cardNumber) => cardNumber switch
    {
        UzCardSucceeds or HumoSucceeds => SandboxCardBehaviour.Succeeds,
        Declined => SandboxCardBehaviour.Declines,
        InsufficientFunds => SandboxCardBehaviour.InsufficientFunds,
        RequiresOtp => SandboxCardBehaviour.RequiresOtp,
        RenewalsFail => SandboxCardBehaviour.RenewalsFail,
        _ => null,
    };
}

internal enum SandboxCardBehaviour
{
    Succeeds,
    Declines,
    InsufficientFunds,
    RequiresOtp,
    RenewalsFail,
}
