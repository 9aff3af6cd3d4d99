using System.Buffers.Binary;
using System.Buffers.Text;

namespace VirtuOps.Application.Common.Models;

/// <summary>
/// The position after the last row of a page in a list ordered newest first by (time, id): the id breaks ties
/// between rows of the same instant, so the order is total and a page never repeats or skips a row. Sent to clients
/// as opaque base64url text.
/// </summary>
public readonly record struct KeysetCursor(DateTimeOffset At, Guid Id)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;
    public const string InvalidMessage = "The cursor is not one this list returned; start again without it.";

    private const int Length = sizeof(long) + 16;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, At.UtcTicks);
        Id.TryWriteBytes(bytes[sizeof(long)..]);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The position a validated cursor names, or null for the first page.</summary>
    public static KeysetCursor? Decode(string? text) =>
        text is null ? null : TryDecode(text, out var cursor) ? cursor : throw ValidationException.ForField("cursor", InvalidMessage);

    public static bool TryDecode(string? text, out KeysetCursor cursor)
    {
        cursor = default;
        Span<byte> bytes = stackalloc byte[Length];
        // IsValid first: TryDecodeFromChars throws, rather than answering false, on text of an impossible length.
        if (text is null || text.Length > 64 || !Base64Url.IsValid(text, out var length) || length != Length
            || !Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != Length)
            return false;
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            return false;
        cursor = new KeysetCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes[sizeof(long)..]));
        return true;
    }
}

public static class KeysetCursorExtensions
{
    /// <summary>Reads one row more than <paramref name="limit"/> to tell whether another page follows.</summary>
    public static async Task<CursorPage<T>> ToCursorPageAsync<T>(this IQueryable<T> ordered, int limit, Func<T, KeysetCursor> positionOf,
        CancellationToken cancellationToken)
    {
        var rows = await ordered.Take(limit + 1).ToListAsync(cancellationToken);
        return rows.Count > limit
            ? new CursorPage<T>(rows[..limit], positionOf(rows[limit - 1]).Encode())
            : new CursorPage<T>(rows, null);
    }

    /// <summary>A cursor this API returned (or none, for the first page).</summary>
    public static IRuleBuilderOptions<T, string?> MustBeCursor<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => c is null || KeysetCursor.TryDecode(c, out _)).WithMessage(KeysetCursor.InvalidMessage);

    /// <summary>Bounds a page's size, so one request cannot read a whole table.</summary>
    public static IRuleBuilderOptions<T, int> MustBeLimit<T>(this IRuleBuilder<T, int> rule) =>
        rule.InclusiveBetween(1, KeysetCursor.MaxLimit);
}
