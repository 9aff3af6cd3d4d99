namespace VirtuOps.Application.Common.Models;

/// <summary>Typed text inside a SQL LIKE pattern: its own % and _ match themselves, not any text.</summary>
public static class LikePattern
{
    public const string EscapeCharacter = "\\";

    public static string Escape(string text) =>
        text.Replace(EscapeCharacter, EscapeCharacter + EscapeCharacter).Replace("%", EscapeCharacter + "%").Replace("_", EscapeCharacter + "_");
}
