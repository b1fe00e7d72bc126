using System.CommandLine;
using KSail.Cli.Commands;
using KSail.Core;

namespace KSail.Cli;

/// <summary>The <c>ksail</c> command line: a thin surface over KSail.Core.</summary>
internal static class KSailCli
{
    /// <summary>The name of the option that prints only warnings, errors and the result.</summary>
    public const string QuietOption = "--quiet";

    /// <summary>The name of the option that prints every step.</summary>
    public const string VerboseOption = "--verbose";

    /// <summary>Runs one command line and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    public static Task<int> RunAsync(string[] args, CliContext context, CancellationToken ct = default) =>
        RunAsync(BuildRoot(context), args, context, ct);

    /// <summary>
    /// The command tree, built without running anything: its commands write to <paramref name="context"/>.
    /// The MCP server generates its tools from it (<see cref="Mcp.McpTools.From"/>) and builds one per call.
    /// </summary>
    public static RootCommand BuildRoot(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var quiet = new Option<bool>(QuietOption, "-q") { Description = "Print only warnings, errors and the result.", Recursive = true };
        var verbose = new Option<bool>(VerboseOption, "-v") { Description = "Print every step with its details and timestamps, as lines.", Recursive = true };
        var root = new RootCommand("KSail.NET: declared, throw-away Kubernetes clusters (kind- and k3d-compatible) for .NET builds and tests.")
        {
            quiet,
            verbose,
            ProjectCommands.Create(context),
            ClusterCommands.Create(context),
            ClusterCommands.Reap(context),
            WorkloadCommands.Create(context),
            SessionCommands.Create(context),
            VersionCommand.Create(context),
            CompletionCommand.Create(context),
            TestCommand.Create(context),
            OpenCommands.Create(context),
            OpenCommands.McpAlias(context),
        };

        // The help names the tool, not the process that hosts it; it wraps at a terminal's width and
        // not at all when redirected (snapshots and pipes see the same text everywhere).
        root.HelpName = "ksail";
        if (root.Options.OfType<System.CommandLine.Help.HelpOption>().SingleOrDefault()?.Action is System.CommandLine.Help.HelpAction help)
        {
            help.MaxWidth = context.Out.Profile.Out.IsTerminal ? context.Out.Profile.Width : int.MaxValue;
        }

        return root;
    }

    /// <summary>Runs one command line of <paramref name="root"/> (built for <paramref name="context"/>) and returns its exit code.</summary>
    public static async Task<int> RunAsync(RootCommand root, string[] args, CliContext context, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(context);
        var quiet = (Option<bool>)root.Options.Single(o => o.Name == QuietOption);
        var verbose = (Option<bool>)root.Options.Single(o => o.Name == VerboseOption);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await context.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync("Run 'ksail --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (parse.GetValue(quiet) && parse.GetValue(verbose))
        {
            await context.Error.WriteLineAsync("error: --quiet and --verbose cannot be used together").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        context.Verbosity = parse.GetValue(quiet) ? Verbosity.Quiet : parse.GetValue(verbose) ? Verbosity.Verbose : Verbosity.Normal;
        try
        {
            // Ctrl+C and SIGTERM are Program.cs's (they cancel ct): System.CommandLine's own handler would
            // cancel a token this method does not see (exit 1, not 130) and stop waiting for the clean-up after 2 s.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null, Output = new AnsiWriter(context.Out), Error = context.Error }, ct)
                .ConfigureAwait(false);
        }
        catch (KSailException ex)
        {
            await context.Error.WriteLineAsync(context.FailureLine(ex.ExitCode, ex.Message)).ConfigureAwait(false);
            return ex.ExitCode;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync("cancelled").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
#pragma warning disable CA1031 // The last line of defence: an unexpected failure is reported, not thrown at the user as a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await context.Error.WriteLineAsync(context.FailureLine(ExitCodes.Unexpected, $"unexpected failure: {FailureText.Of(ex)}")).ConfigureAwait(false);
            await context.Error.WriteLineAsync("This is a bug in KSail.NET; please report it with the command you ran.").ConfigureAwait(false);
            return ExitCodes.Unexpected;
        }
    }

    /// <summary>Lets System.CommandLine's help text go through the console abstraction.</summary>
    private sealed class AnsiWriter(Spectre.Console.IAnsiConsole console) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => console.Profile.Out.Writer.Write(value);

        public override void Write(string? value) => console.Profile.Out.Writer.Write(value);

        public override void WriteLine(string? value) => console.Profile.Out.Writer.WriteLine(value);
    }
}
