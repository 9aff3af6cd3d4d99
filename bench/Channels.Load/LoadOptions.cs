using System.Globalization;

namespace Channels.Load;

/// <summary>The command line: <c>--rate R --seconds S --concurrency C --closed-seconds D --rounds N [--no-processor]</c>.</summary>
internal sealed record LoadOptions(int Rate, int Seconds, int Concurrency, int ClosedSeconds, int Rounds, bool RunProcessor)
{
    public const string Usage =
        "Usage: dotnet run -c Release --project bench/Channels.Load -p:SkipSpaBuild=true -- [--rate 500] [--seconds 10] [--concurrency 32] [--closed-seconds 3] [--rounds 5] [--no-processor]";

    public static LoadOptions? Parse(string[] args)
    {
        var options = new LoadOptions(500, 10, 32, 3, 5, true);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rate" when i + 1 < args.Length && Positive(args[++i]) is { } r:
                    options = options with { Rate = r };
                    break;
                case "--seconds" when i + 1 < args.Length && Positive(args[++i]) is { } s:
                    options = options with { Seconds = s };
                    break;
                case "--concurrency" when i + 1 < args.Length && Positive(args[++i]) is { } c:
                    options = options with { Concurrency = c };
                    break;
                case "--closed-seconds" when i + 1 < args.Length && Positive(args[++i]) is { } d:
                    options = options with { ClosedSeconds = d };
                    break;
                case "--rounds" when i + 1 < args.Length && Positive(args[++i]) is { } n:
                    options = options with { Rounds = n };
                    break;
                case "--no-processor":
                    options = options with { RunProcessor = false };
                    break;
                default:
                    return null;
            }
        }

        return options;
    }

    private static int? Positive(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
