using VirtuOps.Domain.Common;

namespace VirtuOps.WebApi.Infrastructure;

/// <summary>
/// The language of the API's own error texts: the caller's most preferred of uz, ru and en by <c>Accept-Language</c>
/// (the SPA sends the language the user chose), English when it names none of them.
/// </summary>
public static class RequestLanguage
{
    public static UserLanguage Of(HttpRequest request) =>
        request.GetTypedHeaders().AcceptLanguage
            .Where(range => range.Quality is not 0)
            .OrderByDescending(range => range.Quality ?? 1)
            .Select(range => range.Value.Value?.Split('-')[0].ToLowerInvariant() switch
            {
                "uz" => UserLanguage.Uz,
                "ru" => UserLanguage.Ru,
                "en" => UserLanguage.En,
                _ => (UserLanguage?)null,
            })
            .FirstOrDefault(language => language is not null) ?? UserLanguage.En;

    /// <summary>The text in the caller's language.</summary>
    public static string Pick(HttpRequest request, string uz, string ru, string en) => Of(request) switch
    {
        UserLanguage.Uz => uz,
        UserLanguage.Ru => ru,
        _ => en,
    };
}
