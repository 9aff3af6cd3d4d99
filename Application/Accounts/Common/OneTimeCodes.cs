using System.Security.Cryptography;
using VirtuOps.Domain.Verification;

namespace VirtuOps.Application.Accounts.Common;

/// <summary>Issues SMS codes (respecting the resend cooldown) and checks them (counting attempts).</summary>
public sealed class OneTimeCodes(IApplicationDbContext context, ISecretHasher hasher, ISmsSender sms, TimeProvider time)
{
    public const string CodeField = "code";

    public async Task SendAsync(Guid userId, OneTimeCodePurpose purpose, string phoneNumber, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var latest = await LatestAsync(userId, purpose, cancellationToken);
        if (latest is not null && now < latest.NextResendAllowedAt)
            throw new TooManyRequestsException("A code was sent recently. Wait before asking for another.", latest.NextResendAllowedAt - now);

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var oneTimeCode = OneTimeCode.Issue(userId, purpose, phoneNumber, hasher.HashCode(code), now);
        context.OneTimeCodes.Add(oneTimeCode);
        await context.SaveChangesAsync(cancellationToken);

        try
        {
            await sms.SendAsync(new SmsMessage(phoneNumber, $"VirtuOps: tasdiqlash kodi {code}. Kodni hech kimga bermang. / Код: {code}"), cancellationToken);
        }
        catch
        {
            // A code that never reached the phone must not hold the user back for the cooldown.
            context.OneTimeCodes.Remove(oneTimeCode);
            await context.SaveChangesAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>Accepts the latest code or throws a validation error on "code"; failed attempts are saved either way.</summary>
    public async Task<OneTimeCode> VerifyAsync(Guid userId, OneTimeCodePurpose purpose, string code, CancellationToken cancellationToken)
    {
        var latest = await LatestAsync(userId, purpose, cancellationToken)
            ?? throw ValidationException.ForField(CodeField, "No code was sent. Ask for a code first.");

        var result = latest.Check(code, time.GetUtcNow(), hasher.VerifyCode);
        await context.SaveChangesAsync(cancellationToken);

        return result switch
        {
            CodeCheckResult.Accepted => latest,
            CodeCheckResult.Wrong => throw ValidationException.ForField(CodeField, $"The code is wrong. Attempts left: {latest.AttemptsLeft}."),
            CodeCheckResult.Expired => throw ValidationException.ForField(CodeField, "The code has expired. Ask for a new code."),
            CodeCheckResult.TooManyAttempts => throw ValidationException.ForField(CodeField, "Too many wrong attempts. Ask for a new code."),
            _ => throw ValidationException.ForField(CodeField, "The code was already used. Ask for a new code."),
        };
    }

    private Task<OneTimeCode?> LatestAsync(Guid userId, OneTimeCodePurpose purpose, CancellationToken cancellationToken) =>
        context.OneTimeCodes
            .Where(c => c.UserId == userId && c.Purpose == purpose)
            .OrderByDescending(c => c.SentAt)
            .FirstOrDefaultAsync(cancellationToken);
}
