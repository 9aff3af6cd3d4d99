using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;

namespace VirtuOps.Application.Accounts.Queries.GetLegalDocuments;

/// <summary>
/// The current versions of the texts a new user accepts, so the sign-up form can show and send them, and the support and
/// privacy contacts every page's footer shows.
/// </summary>
public sealed record GetLegalDocumentsQuery : IQuery<LegalDocumentsDto>;

public sealed record LegalDocumentsDto(string PrivacyPolicyVersion, string PrivacyPolicyUrl, string PublicOfferVersion, string PublicOfferUrl, string SupportEmail, string PrivacyEmail);

public sealed class GetLegalDocumentsQueryHandler(IOptions<LegalDocumentsOptions> legal) : IQueryHandler<GetLegalDocumentsQuery, LegalDocumentsDto>
{
    public ValueTask<LegalDocumentsDto> Handle(GetLegalDocumentsQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new LegalDocumentsDto(
            legal.Value.PrivacyPolicyVersion,
            $"/legal/privacy-policy-{legal.Value.PrivacyPolicyVersion}.txt",
            legal.Value.PublicOfferVersion,
            $"/legal/public-offer-{legal.Value.PublicOfferVersion}.txt",
            legal.Value.SupportEmail,
            legal.Value.PrivacyEmail));
}
