using VirtuOps.Domain.Channels;

namespace VirtuOps.Application.Channels.Common;

public static class MetaValidation
{
    /// <summary>Meta's long-lived tokens are a few hundred characters; anything far longer is not one.</summary>
    public const int MaxSecretLength = 1024;

    /// <summary>Graph object ids (phone number, business account, Instagram account) are numeric.</summary>
    public static IRuleBuilderOptions<T, string> MetaId<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty()
            .Must(id => id.Trim() is { Length: > 0 and <= ChannelConnection.AccountIdMaxLength } trimmed && trimmed.All(char.IsAsciiDigit))
            .WithMessage("Copy the numeric id from Meta's dashboard.");
}
