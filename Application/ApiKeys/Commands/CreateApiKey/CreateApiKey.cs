using System.Security.Cryptography;
using VirtuOps.Domain.ApiKeys;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.ApiKeys.Commands.CreateApiKey;

/// <summary>The owner creates a key for an integrator. The key is returned this once and never again.</summary>
[Authorize(Roles = Roles.Owner)]
public sealed record CreateApiKeyCommand(string Name, IReadOnlyList<ApiKeyScope> Scopes) : ICommand<CreatedApiKeyDto>;

public sealed record CreatedApiKeyDto(Guid Id, string Name, string Prefix, IReadOnlyList<ApiKeyScope> Scopes, string Key);

public sealed class CreateApiKeyCommandHandler(IApplicationDbContext context, ISecretHasher hasher)
    : ICommandHandler<CreateApiKeyCommand, CreatedApiKeyDto>
{
    public const string KeyPrefix = "vo_";

    public async ValueTask<CreatedApiKeyDto> Handle(CreateApiKeyCommand command, CancellationToken cancellationToken)
    {
        // 32 random bytes: unguessable, so a fast hash is enough to store and look it up.
        var key = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var apiKey = ApiKey.Create(command.Name, key[..ApiKey.PrefixLength], hasher.HashApiKey(key), command.Scopes.ToFlags());
        context.ApiKeys.Add(apiKey);
        await context.SaveChangesAsync(cancellationToken);
        return new CreatedApiKeyDto(apiKey.Id, apiKey.Name, apiKey.Prefix, apiKey.Scopes.ToList(), key);
    }
}

public sealed class CreateApiKeyCommandValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(ApiKey.NameMaxLength);
        RuleFor(c => c.Scopes).NotEmpty().WithMessage("Choose the read scope, the write scope, or both.");
        RuleForEach(c => c.Scopes).IsInEnum();
    }
}
