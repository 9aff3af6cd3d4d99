namespace VirtuOps.WebApi.Infrastructure;

/// <summary>
/// The bodies of providers' callbacks (channel webhooks, Paylov), read whole because signatures cover the exact bytes,
/// and held to <see cref="MaxBytes"/>: far above any real callback (Meta batches a few kB), far below Kestrel's 30 MB.
/// </summary>
internal static class WebhookBody
{
    public const long MaxBytes = 256 * 1024;

    public static IResult TooLarge() =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The webhook body is too large.");

    /// <summary>The body, or null (answer <see cref="TooLarge"/>) when it declares or turns out to have more than <see cref="MaxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // With a length (the providers send one), refused unread or straight into an array of that size: no growing copy.
        if (request.ContentLength is { } length)
        {
            if (length > MaxBytes)
                return null;
            var body = new byte[length];
            await request.Body.ReadExactlyAsync(body, cancellationToken);
            return body;
        }

        // Without one, read no further than the limit.
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
