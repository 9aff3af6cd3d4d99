using VirtuOps.Application.Billing.Commands.RotateSecretKeys;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>Platform operations on secrets at rest (admins only).</summary>
public sealed class Security : IEndpointGroup
{
    public sealed record RotationResult(int Reencrypted);

    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapAdminGroup("/secrets");
        group.MapPost("/rotate", RotateSecretKeys);
    }

    public static async Task<Ok<RotationResult>> RotateSecretKeys(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(new RotationResult(await sender.Send(new RotateSecretKeysCommand(), cancellationToken)));
}
