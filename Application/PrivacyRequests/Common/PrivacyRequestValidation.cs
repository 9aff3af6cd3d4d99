using VirtuOps.Domain.PrivacyRequests;

namespace VirtuOps.Application.PrivacyRequests.Common;

internal static class PrivacyRequestValidation
{
    /// <summary>
    /// The kinds a person may type a request about. A contact's export and erasure are the tenant's own actions in the
    /// inbox, recorded by them, never asked for through the form.
    /// </summary>
    public static readonly PrivacyRequestKind[] TypedKinds =
    [
        PrivacyRequestKind.Access, PrivacyRequestKind.Erasure, PrivacyRequestKind.Restriction,
        PrivacyRequestKind.Rectification, PrivacyRequestKind.ConsentWithdrawal, PrivacyRequestKind.Other,
    ];

    public static IRuleBuilderOptions<T, PrivacyRequestKind> TypedKind<T>(this IRuleBuilder<T, PrivacyRequestKind> rule) =>
        rule.IsInEnum().Must(k => TypedKinds.Contains(k))
            .WithMessage($"'Kind' must be one of: {string.Join(", ", TypedKinds)}.");

    public static IRuleBuilderOptions<T, string> RequestText<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(PrivacyRequest.TextMaxLength);
}
