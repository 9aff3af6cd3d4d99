using System.Buffers.Binary;
using System.Buffers.Text;

namespace VirtuOps.Application.Common.Models;

/// <summary>
/// The position after the last row of a page in a list ordered newest first by an ever-growing numeric id (the staff
/// audit log's). Sent as opaque base64url text like <see cref="KeysetCursor"/>, so clients never build one from an id
/// and the list can change its order key without breaking them.
/// </summary>
public readonly record struct SequenceCursor(long Id)
{
    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, Id);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The position a validated cursor names, or null for the first page.</summary>
    public static SequenceCursor? Decode(string? text) =>
        text is null ? null : TryDecode(text, out var cursor) ? cursor : throw ValidationException.ForField("cursor", KeysetCursor.InvalidMessage);

    public static bool TryDecode(string? text, out SequenceCursor cursor)
    {
        cursor = default;
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        // IsValid first: TryDecodeFromChars throws, rather than answering false, on text of an impossible length.
        if (text is null || text.Length > 16 || !Base64Url.IsValid(text, out var length) || length != bytes.Length
            || !Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != bytes.Length)
            return false;
        var id = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (id <= 0)
            return false;
        cursor = new SequenceCursor(id);
        return true;
    }
}

public static class SequenceCursorExtensions
{
    /// <summary>A cursor this API returned (or none, for the first page).</summary>
    public static IRuleBuilderOptions<T, string?> MustBeSequenceCursor<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => c is null || SequenceCursor.TryDecode(c, out _)).WithMessage(KeysetCursor.InvalidMessage);
}
