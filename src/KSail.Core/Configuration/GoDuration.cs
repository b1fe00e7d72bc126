using System.Globalization;
using System.Text.RegularExpressions;

namespace KSail.Core.Configuration;

/// <summary>Durations written as Go writes them (<c>90s</c>, <c>5m</c>, <c>1h30m</c>, <c>500ms</c>), as KSail, kind and k3d take them.</summary>
public static partial class GoDuration
{
    /// <summary>Parses a Go duration; false when <paramref name="text"/> is not one or is negative.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (text == "0")
        {
            return true;
        }

        var matches = Part().Matches(text);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != text)
        {
            return false;
        }

        double ticks = 0;
        foreach (Match m in matches)
        {
            var amount = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            ticks += m.Groups["u"].Value switch
            {
                "ns" => amount / 100,
                "us" or "µs" => amount * TimeSpan.TicksPerMicrosecond,
                "ms" => amount * TimeSpan.TicksPerMillisecond,
                "s" => amount * TimeSpan.TicksPerSecond,
                "m" => amount * TimeSpan.TicksPerMinute,
                _ => amount * TimeSpan.TicksPerHour,
            };
        }

        value = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    /// <summary>Formats a duration the way Go prints it, e.g. <c>2m30s</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var parts = new List<string>();
        if (value.TotalHours >= 1)
        {
            parts.Add($"{(int)value.TotalHours}h");
        }

        if (value.Minutes > 0)
        {
            parts.Add($"{value.Minutes}m");
        }

        if (value.Seconds > 0 || value.Milliseconds > 0)
        {
            parts.Add(value.Milliseconds > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{value.Seconds + (value.Milliseconds / 1000.0)}s")
                : $"{value.Seconds}s");
        }

        return string.Concat(parts);
    }

    [GeneratedRegex(@"(?<n>[0-9]+(?:\.[0-9]+)?)(?<u>ns|us|µs|ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
