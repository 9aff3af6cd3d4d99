using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.WebUtilities;
using VirtuOps.Application.Common.Interfaces;

namespace Application.FunctionalTests;

/// <summary>
/// An HTTP client that behaves like the SPA in a browser: it keeps cookies and echoes the XSRF-TOKEN cookie in
/// the X-XSRF-TOKEN header of state-changing requests (fetching a token first when it has none).
/// </summary>
public sealed partial class SpaClient : IDisposable
{
    private readonly CookieContainer _cookies = new();

    public SpaClient(VirtuOpsApiFactory factory, string userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/142.0 Safari/537.36")
    {
        // The XSRF handler is outermost so the token request it may make goes through the cookie handler too.
        Http = factory.CreateDefaultClient(new XsrfHandler(_cookies), new CookieContainerHandler(_cookies));
        Http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
    }

    public HttpClient Http { get; }

    /// <summary>The API's JSON: web defaults with enums as strings.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public Task<T?> GetAsync<T>(string url) => Http.GetFromJsonAsync<T>(url, Json);

    public void Dispose() => Http.Dispose();

    public static string StrongPassword => "Kuchli-parol-2026";

    /// <summary>
    /// Signs up as a person does: the form, then the link e-mailed to the address, which signs this client in and
    /// texts the phone code. Returns the form's refusal, or else the answer to opening the link.
    /// </summary>
    public async Task<HttpResponseMessage> RegisterAsync(string email, string phone, string password = "Kuchli-parol-2026", string company = "Oila Market",
        string? referralCode = null)
    {
        var registered = await PostRegistrationAsync(email, phone, password, company, referralCode);
        if (!registered.IsSuccessStatusCode)
            return registered;
        var link = QueryHelpers.ParseQuery((await LatestLinkToAsync(email)).Query);
        return await Http.PostAsJsonAsync("/api/auth/confirm-registration", new { userId = link["userId"].ToString(), token = link["token"].ToString() });
    }

    /// <summary>Only the sign-up form: nothing is confirmed and nobody signed in.</summary>
    public async Task<HttpResponseMessage> PostRegistrationAsync(string email, string phone, string password = "Kuchli-parol-2026", string company = "Oila Market",
        string? referralCode = null)
    {
        var legal = await Http.GetFromJsonAsync<LegalVersions>("/api/auth/legal-documents");
        return await Http.PostAsJsonAsync("/api/auth/register", new
        {
            fullName = "Aziza Karimova",
            email,
            password,
            phoneNumber = phone,
            companyName = company,
            acceptedPrivacyPolicyVersion = legal!.PrivacyPolicyVersion,
            acceptedPublicOfferVersion = legal.PublicOfferVersion,
            referralCode,
        });
    }

    /// <summary>Registers and verifies the phone: a ready owner account.</summary>
    public async Task RegisterVerifiedOwnerAsync(string email, string phone, string? referralCode = null)
    {
        (await RegisterAsync(email, phone, referralCode: referralCode)).EnsureSuccessStatusCode();
        var code = await LatestCodeAsync(phone);
        (await Http.PostAsJsonAsync("/api/account/phone/verify", new { code })).EnsureSuccessStatusCode();
    }

    public Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        Http.PostAsJsonAsync("/api/auth/sign-in", new { email, password, rememberMe = false });

    /// <summary>The newest SMS code sent to the number, read from the development outbox.</summary>
    public async Task<string> LatestCodeAsync(string phone) =>
        SixDigits().Match((await LatestMessageToAsync(phone)).Body).Value;

    public async Task<DevOutboxMessage> LatestMessageToAsync(string to)
    {
        var messages = await GetAsync<List<DevOutboxMessage>>($"/api/dev/outbox?to={Uri.EscapeDataString(to)}&take=50");
        messages.ShouldNotBeNull().ShouldNotBeEmpty($"nothing was sent to {to}");
        return messages[0];
    }

    public async Task<int> MessageCountToAsync(string to) =>
        (await GetAsync<List<DevOutboxMessage>>($"/api/dev/outbox?to={Uri.EscapeDataString(to)}&take=200"))!.Count;

    /// <summary>The first link in the newest e-mail to the address, as a path and query.</summary>
    public async Task<Uri> LatestLinkToAsync(string email) =>
        new(Link().Match((await LatestMessageToAsync(email)).Body).Value);

    public sealed record LegalVersions(string PrivacyPolicyVersion, string PublicOfferVersion);

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();

    private sealed class XsrfHandler(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method != HttpMethod.Get && request.RequestUri is not null)
            {
                var token = Token(request.RequestUri);
                if (token is null)
                {
                    using var prime = new HttpRequestMessage(HttpMethod.Get, new Uri(request.RequestUri, "/api/auth/legal-documents"));
                    (await base.SendAsync(prime, cancellationToken)).Dispose();
                    token = Token(request.RequestUri);
                }

                request.Headers.Add("X-XSRF-TOKEN", token);
            }

            return await base.SendAsync(request, cancellationToken);
        }

        private string? Token(Uri uri) => cookies.GetCookies(uri)["XSRF-TOKEN"]?.Value;
    }
}
