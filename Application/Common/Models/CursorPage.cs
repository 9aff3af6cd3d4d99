namespace VirtuOps.Application.Common.Models;

/// <summary>
/// One page of a list read newest first; <see cref="NextCursor"/> asks for the page after it (null on the last page).
/// Unlike page numbers, a cursor does not skip or repeat rows when new ones arrive while someone pages. Clients treat
/// the cursor as opaque text.
/// </summary>
public sealed record CursorPage<T>(IReadOnlyList<T> Items, string? NextCursor);
