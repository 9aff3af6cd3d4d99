namespace VirtuOps.Application.Accounts.Common;

public sealed record PhoneCodeSentDto(string MaskedPhoneNumber);
