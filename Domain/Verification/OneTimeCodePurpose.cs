namespace VirtuOps.Domain.Verification;

public enum OneTimeCodePurpose
{
    /// <summary>Proves the user holds the mobile phone they gave.</summary>
    PhoneVerification = 0,

    /// <summary>The second factor of a sign-in.</summary>
    SignIn = 1,
}
