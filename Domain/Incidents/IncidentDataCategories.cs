namespace VirtuOps.Domain.Incidents;

/// <summary>The kinds of personal data an incident touched, as the notice to owners and the authority names them.</summary>
[Flags]
public enum IncidentDataCategories
{
    None = 0,
    AccountDetails = 1,
    ContactDetails = 2,
    Messages = 4,
    Knowledge = 8,
    PaymentData = 16,
    ChannelCredentials = 32,
}
