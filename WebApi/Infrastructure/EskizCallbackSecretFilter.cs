using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace VirtuOps.WebApi.Infrastructure;

/// <summary>The <c>Sms:Eskiz</c> settings the callback endpoint needs, whichever SMS provider sends.</summary>
public sealed class EskizCallbackOptions
{
    public const string SectionName = "Sms:Eskiz";

    /// <summary>Expected in the callback URL's <c>secret</c> query parameter. Empty rejects every callback.</summary>
    public string CallbackSecret { get; set; } = string.Empty;
}

/// <summary>
/// Eskiz does not sign its delivery callbacks, so the callback URL we give it carries a secret. A call without the
/// right one is answered 401 before the command runs, so nothing is stored.
/// </summary>
internal sealed class EskizCallbackSecretFilter(IOptionsMonitor<EskizCallbackOptions> options, ILogger<EskizCallbackSecretFilter> logger)
    : IEndpointFilter
{
    public const string QueryParameter = "secret";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!SecretsMatch(options.CurrentValue.CallbackSecret, context.HttpContext.Request.Query[QueryParameter].ToString()))
        {
            logger.LogWarning("Rejected an SMS delivery callback without the right secret");
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The callback secret is missing or wrong.");
        }

        return await next(context);
    }

    // Hashing first gives both sides the same length, so the fixed-time comparison leaks neither content nor length.
    private static bool SecretsMatch(string expected, string given) =>
        expected.Length > 0
        && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)),
            SHA256.HashData(Encoding.UTF8.GetBytes(given)));
}
