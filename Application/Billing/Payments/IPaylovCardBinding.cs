namespace VirtuOps.Application.Billing.Payments;

/// <summary>
/// A card as the holder typed it: number and expiry. It is only ever held in memory on its way to Paylov, so its
/// <see cref="ToString"/> shows the last four digits only: a log line or exception that formats it leaks nothing.
/// </summary>
public sealed record CardDetails(string Number, string ExpiryYyMm)
{
    public override string ToString() => $"card ****{(Number.Length >= 4 ? Number[^4..] : string.Empty)}";
}

/// <summary>Paylov texted a code to the card's phone (<paramref name="MaskedPhone"/>); <paramref name="BindingId"/> confirms it.</summary>
public sealed record CardOtpSent(string BindingId, string MaskedPhone);

/// <summary>
/// Paylov's documented card binding (<c>createUserCard</c>, then <c>confirmUserCardCreate</c> with the SMS code): the
/// card number passes through our server, in memory only. A refusal is a <see cref="PaylovException"/> with Paylov's
/// code (<c>invalid_otp</c>, <c>otp_expired</c>, <c>too_many_attempts</c>, <c>card_is_blocked</c>, <c>sms_not_active</c>, ...).
/// </summary>
public interface IPaylovCardBinding
{
    /// <summary>Sends the card to Paylov for <paramref name="paylovUserId"/>; checked (Luhn, UzCard/Humo/Visa prefix, expiry) before calling.</summary>
    Task<CardOtpSent> StartAsync(string paylovUserId, CardDetails card, CancellationToken cancellationToken);

    /// <summary>Confirms the binding with the SMS code; returns the bound card (its id is the only secret).</summary>
    Task<BoundCard> ConfirmAsync(string bindingId, string otp, CancellationToken cancellationToken);
}

/// <summary>What is checked before a card number is sent anywhere.</summary>
public static class CardNumbers
{
    /// <summary>True for 16 digits with a UzCard (8600), Humo (9860) or Visa (4) prefix that pass the Luhn check.</summary>
    public static bool IsAcceptable(string number) =>
        number.Length == 16 && number.All(char.IsAsciiDigit)
        && (number.StartsWith("8600", StringComparison.Ordinal) || number.StartsWith("9860", StringComparison.Ordinal) || number[0] == '4')
        && PassesLuhn(number);

    public static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            sum += digit;
        }

        return sum % 10 == 0;
    }

    /// <summary>Refuses, before anything is sent, a number or expiry that cannot be a card (the message names neither).</summary>
    public static void EnsureAcceptable(CardDetails card)
    {
        if (!IsAcceptable(card.Number))
            throw new ArgumentException("The card number is not a valid UzCard, Humo or Visa number.", nameof(card));
        if (card.ExpiryYyMm.Length != 4 || !card.ExpiryYyMm.All(char.IsAsciiDigit) || int.Parse(card.ExpiryYyMm[2..], System.Globalization.CultureInfo.InvariantCulture) is < 1 or > 12)
            throw new ArgumentException("The expiry must be YYMM.", nameof(card));
    }
}
