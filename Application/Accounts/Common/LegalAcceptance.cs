using VirtuOps.Domain.Common;
using VirtuOps.Domain.Consents;

namespace VirtuOps.Application.Accounts.Common;

/// <summary>Which published documents a user has accepted in their current version (section <c>Legal</c>).</summary>
public static class LegalAcceptance
{
    /// <summary>Everyone of a tenant accepts the Privacy Policy; its owner also the Public Offer, their contract.</summary>
    public static IReadOnlyList<ConsentKind> RequiredOf(IReadOnlyCollection<string> roles) =>
        roles.Contains(Roles.Owner) ? [ConsentKind.PrivacyPolicy, ConsentKind.PublicOffer] : [ConsentKind.PrivacyPolicy];

    /// <summary>The user's latest decision on <paramref name="kind"/> is a grant of <paramref name="version"/>.</summary>
    public static async Task<bool> IsCurrentAsync(IApplicationDbContext context, Guid userId, ConsentKind kind, string version, CancellationToken cancellationToken)
    {
        var latest = await context.ConsentRecords.AsNoTracking()
            .Where(c => c.UserId == userId && c.Kind == kind)
            .OrderByDescending(c => c.OccurredAt)
            .ThenByDescending(c => c.Id)
            .Select(c => new { c.Action, c.DocumentVersion })
            .FirstOrDefaultAsync(cancellationToken);
        return latest is { Action: ConsentAction.Granted } && latest.DocumentVersion == version;
    }

    /// <summary>Of the documents the user must accept, those whose current version they have not (new, or withdrawn).</summary>
    public static async Task<IReadOnlyList<LegalDocumentToAcceptDto>> ToAcceptAsync(IApplicationDbContext context, LegalDocumentsOptions legal,
        Guid userId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        var toAccept = new List<LegalDocumentToAcceptDto>();
        foreach (var kind in RequiredOf(roles))
        {
            var version = legal.VersionOf(kind);
            if (!await IsCurrentAsync(context, userId, kind, version, cancellationToken))
                toAccept.Add(new LegalDocumentToAcceptDto(kind, version));
        }

        return toAccept;
    }
}

/// <summary>A document's current version that the user is asked to accept.</summary>
public sealed record LegalDocumentToAcceptDto(ConsentKind Kind, string Version);
