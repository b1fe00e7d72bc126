using System.Globalization;
using KSail.Core;

namespace KSail.Cli;

/// <summary>Writes progress events to standard error as lines, as they happen, in order (output redirected, CI, or --verbose).</summary>
/// <remarks>
/// With <paramref name="msbuild"/> (the build integration runs ksail), warnings carry a code
/// (KSAIL0100) so MSBuild shows them as warnings a project can silence with NoWarn.
/// </remarks>
internal sealed class ConsoleProgress(TextWriter error, bool timestamps = false, bool msbuild = false, Verbosity verbosity = Verbosity.Normal) : CliProgress
{
    public override void Report(ProgressEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var shown = value.Level switch
        {
            ProgressLevel.Debug => verbosity == Verbosity.Verbose,
            ProgressLevel.Info => verbosity != Verbosity.Quiet,
            _ => true,
        };
        if (!shown)
        {
            return;
        }

        lock (error)
        {
            var stamp = timestamps || verbosity == Verbosity.Verbose ? TimeProvider.System.GetUtcNow().ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture) : string.Empty;
            error.WriteLine(value.Level switch
            {
                ProgressLevel.Warning when msbuild => $"ksail : warning KSAIL0100: {value.Message}",
                ProgressLevel.Warning => $"{stamp}warning: {value.Message}",
                ProgressLevel.Debug => $"{stamp}  {value.Step}: {value.Message}",
                _ => $"{stamp}• {value.Step}: {value.Message}",
            });
        }
    }
}
