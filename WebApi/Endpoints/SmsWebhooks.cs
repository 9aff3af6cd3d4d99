using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using VirtuOps.Application.Sms.Commands.RecordSmsDelivery;

namespace VirtuOps.WebApi.Endpoints;

public sealed class SmsWebhooks : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        // Called by the SMS gateway, never by the SPA: kept out of the OpenAPI document and the generated client.
        var group = app.MapGroup("/api/webhooks/sms").WithTags("SmsWebhooks").ExcludeFromDescription();
        group.MapPost("/eskiz", RecordEskizDelivery)
            // A server-to-server form post with no browser session: antiforgery has nothing to protect.
            .DisableAntiforgery()
            .AddEndpointFilter<EskizCallbackSecretFilter>();
    }

    public static async Task<Ok> RecordEskizDelivery(ISender sender, [AsParameters] EskizDeliveryCallback callback, CancellationToken cancellationToken)
    {
        await sender.Send(callback.ToCommand(), cancellationToken);
        return TypedResults.Ok();
    }
}

/// <summary>
/// The form Eskiz posts to the callback URL. <c>request_id</c> is the id the send call answered with; Eskiz's own
/// <c>message_id</c>, <c>user_sms_id</c>, <c>country</c> and <c>sms_count</c> are not kept.
/// </summary>
public sealed record EskizDeliveryCallback(
    [FromForm(Name = "request_id")] string? RequestId,
    [FromForm(Name = "phone_number")] string? PhoneNumber,
    [FromForm(Name = "status")] string? Status,
    [FromForm(Name = "status_date")] string? StatusDate)
{
    // Eskiz writes local Tashkent time without an offset; Uzbekistan keeps UTC+5 all year.
    private static readonly TimeSpan TashkentOffset = TimeSpan.FromHours(5);

    public RecordSmsDeliveryCommand ToCommand() =>
        new(RequestId ?? string.Empty, PhoneNumber ?? string.Empty, Status ?? string.Empty, ParseStatusDate(StatusDate));

    // An unreadable date becomes null, which validation answers with a 400 naming the field.
    private static DateTimeOffset? ParseStatusDate(string? value) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, TashkentOffset)
            : null;
}
