using System.Globalization;
using System.Text.Encodings.Web;
using VirtuOps.Infrastructure.Paylov.Sandbox;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>
/// SANDBOX — NO REAL MONEY. The stand-in for Paylov's hosted card page, mapped only when <c>AddPaylov</c> chose the
/// in-process sandbox (never in Production). The form posts straight to <see cref="SandboxPaylovClient"/>: the card
/// number reaches no handler, command or database of ours, as with the real hosted page. Server-rendered HTML,
/// kept out of the OpenAPI document.
/// </summary>
public sealed class PaylovSandbox : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetService<SandboxPaylovClient>() is null)
            return;

        // The session id in the URL is the only key, as on a real hosted page; the forms are read by hand (no form
        // binding), so the SPA's header-based antiforgery does not apply to this plain HTML page.
        var group = app.MapGroup(SandboxPaylovClient.CheckoutPath.TrimEnd('/')).WithTags("PaylovSandbox").ExcludeFromDescription();
        // Its own style sheet rather than an inline <style>: the Content-Security-Policy allows style files only.
        app.MapGet(StylesPath, () => TypedResults.Text(Styles, "text/css; charset=utf-8")).ExcludeFromDescription();
        group.MapGet("/{sessionId}", ShowPaylovSandboxCheckout);
        group.MapPost("/{sessionId}", SubmitPaylovSandboxCard);
        group.MapPost("/{sessionId}/otp", SubmitPaylovSandboxOtp);
    }

    private const string StylesPath = "/sandbox/paylov/checkout.css";

    private const string Styles = """
        body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 0 auto; padding: 1rem; }
        .banner { background: #b00020; color: #fff; font-size: 1.5rem; font-weight: 700; text-align: center; padding: 1rem; }
        label { display: block; margin: .75rem 0; } input { display: block; width: 100%; padding: .5rem; font-size: 1rem; }
        button { padding: .75rem 1.5rem; font-size: 1rem; } .error { color: #b00020; font-weight: 600; }
        """;

    public static IResult ShowPaylovSandboxCheckout(string sessionId, SandboxPaylovClient sandbox) =>
        Render(sandbox.FindCheckout(sessionId));

    public static async Task<IResult> SubmitPaylovSandboxCard(string sessionId, HttpRequest request, SandboxPaylovClient sandbox)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        return AfterPost(sandbox.SubmitCard(sessionId, form["card_number"], form["expiry"], form["cvv"]));
    }

    public static async Task<IResult> SubmitPaylovSandboxOtp(string sessionId, HttpRequest request, SandboxPaylovClient sandbox)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        return AfterPost(sandbox.SubmitOtp(sessionId, form["code"]));
    }

    // Post/redirect/get: a finished session goes back to the app, a new step is fetched with GET, an error re-renders.
    private static IResult AfterPost(SandboxCheckout? checkout) => checkout switch
    {
        null => TypedResults.NotFound(),
        { Error: not null } => Render(checkout),
        _ => TypedResults.Redirect(checkout.Step == SandboxCheckoutStep.Finished
            ? checkout.ReturnUrl.ToString()
            : SandboxPaylovClient.CheckoutPath + Uri.EscapeDataString(checkout.SessionId)),
    };

    private static IResult Render(SandboxCheckout? checkout)
    {
        if (checkout is null)
            return TypedResults.NotFound();
        if (checkout.Step == SandboxCheckoutStep.Finished)
            return TypedResults.Redirect(checkout.ReturnUrl.ToString());

        var html = HtmlEncoder.Default;
        var action = html.Encode(SandboxPaylovClient.CheckoutPath + Uri.EscapeDataString(checkout.SessionId));
        var amount = (checkout.AmountTiyin / 100m).ToString("#,0.##", CultureInfo.InvariantCulture).Replace(',', ' ');
        var error = checkout.Error is null ? "" : $"<p class=\"error\" role=\"alert\">{html.Encode(checkout.Error)}</p>";
        var body = checkout.Step == SandboxCheckoutStep.EnterOtp
            ? $"""
              <p>We sent a code to the phone of card {html.Encode(checkout.MaskedPan ?? "")}. Sandbox code: <code>{SandboxCards.OtpCode}</code></p>
              <form method="post" action="{action}/otp">
                <label>SMS code <input name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required autofocus></label>
                <button type="submit">Confirm</button>
              </form>
              """
            : $"""
              <form method="post" action="{action}">
                <label>Card number <input name="card_number" inputmode="numeric" autocomplete="off" maxlength="19" required autofocus></label>
                <label>Expiry (MM/YY) <input name="expiry" autocomplete="off" maxlength="5" required></label>
                <label>CVV <input name="cvv" inputmode="numeric" autocomplete="off" maxlength="3" required></label>
                <button type="submit">Pay {amount} UZS</button>
              </form>
              <details><summary>Test cards (any future expiry, any CVV)</summary><ul>
                <li><code>{SandboxCards.UzCardSucceeds}</code> UzCard, succeeds</li>
                <li><code>{SandboxCards.HumoSucceeds}</code> Humo, succeeds</li>
                <li><code>{SandboxCards.Declined}</code> declined</li>
                <li><code>{SandboxCards.InsufficientFunds}</code> insufficient funds</li>
                <li><code>{SandboxCards.RequiresOtp}</code> asks for SMS code {SandboxCards.OtpCode}</li>
                <li><code>{SandboxCards.RenewalsFail}</code> binds, later renewals fail</li>
              </ul></details>
              """;

        return TypedResults.Content($$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex"><title>SANDBOX Paylov checkout</title>
            <link rel="stylesheet" href="{{StylesPath}}"></head>
            <body>
            <div class="banner">SANDBOX — no real money</div>
            <h1>Paylov test checkout</h1>
            <p>Amount: <strong>{{amount}} UZS</strong></p>
            {{error}}
            {{body}}
            </body></html>
            """, "text/html; charset=utf-8");
    }
}
