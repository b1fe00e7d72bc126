using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using KSail.Core;
using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Core.Lifecycle;
using KSail.Core.Processes;
using KSail.Core.Sessions;

namespace KSail.Cli.Commands;

/// <summary>
/// <c>ksail test -- &lt;dotnet test arguments&gt;</c>: create or reuse the declared cluster (the test
/// session the build integration uses), run <c>dotnet test</c> with the cluster's environment, then
/// tear down by the declared policy. The exit code is dotnet test's, or KSail's when the cluster failed.
/// </summary>
internal static class TestCommand
{
    /// <summary>The variables the tests see, named as the KSail.Build.Tasks package names them.</summary>
    public const string KubeconfigVariable = "KUBECONFIG";

    /// <summary>The cluster name.</summary>
    public const string ClusterNameVariable = "KSAIL_CLUSTER_NAME";

    /// <summary>The kubeconfig context.</summary>
    public const string ContextVariable = "KSAIL_CONTEXT";

    /// <summary>The API server endpoint.</summary>
    public const string EndpointVariable = "KSAIL_API_ENDPOINT";

    /// <summary>
    /// The cluster's local registry as the host pushes to it (<c>localhost:5050</c>), set only when the
    /// cluster has one. Not <c>KSAIL_REGISTRY</c>: that one is an input (the registry <c>workload push</c>
    /// pushes to, credentials and path included), which a test run must not override.
    /// </summary>
    public const string RegistryVariable = "KSAIL_LOCAL_REGISTRY";

    /// <summary>
    /// Set for <c>dotnet test</c> when <c>ksail test</c> provides the cluster: the KSail.Build.Tasks
    /// package in the test projects then stands aside instead of creating the cluster a second time.
    /// </summary>
    public const string ProvidedVariable = "KSAIL_TEST_CLUSTER_PROVIDED";

    // How long dotnet test gets to stop after Ctrl+C is passed on, before it is killed.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    public static Command Create(CliContext context)
    {
        var config = new Option<string?>("--config", "-c") { Description = "The ksail.yaml to use (default: the nearest ksail.yaml at or above the current directory)." };
        var teardown = new Option<TeardownPolicy?>("--teardown") { Description = "Always, OnSuccess or Never (default: spec.cluster.teardown; Never with --reuse)." };
        var reuse = new Option<bool>("--reuse") { Description = "Reuse a running cluster with the same spec, and keep it for the next run." };
        var keep = new Option<bool>("--keep-on-failure") { Description = "Keep what was created when creating the cluster fails." };
        var timeout = new Option<string?>("--timeout") { Description = "Overall time limit of creating the cluster, e.g. 10m." };
        var arguments = new Argument<string[]>("dotnet-test-arguments") { Description = "The arguments of 'dotnet test', after '--'.", Arity = ArgumentArity.ZeroOrMore };
        var test = new Command("test", "Create or reuse the declared cluster, run 'dotnet test' against it (KUBECONFIG, KSAIL_CLUSTER_NAME, KSAIL_CONTEXT, KSAIL_API_ENDPOINT set), and tear it down by the teardown policy.")
        {
            config, teardown, reuse, keep, timeout, arguments,
        };
        test.Annotate(ToolPermission.Write, destructive: true);
        test.SetAction(async (parse, ct) =>
        {
            // dotnet test's options come after '--'; one before it is a typo of ksail's own, refused before any cluster exists.
            var beforeDoubleDash = parse.Tokens.TakeWhile(t => t.Type != TokenType.DoubleDash);
            if (beforeDoubleDash.FirstOrDefault(t => t.Type == TokenType.Argument && t.Value.StartsWith('-')) is { } unknown)
            {
                context.Error.WriteLine($"error: unrecognized option '{unknown.Value}' of 'ksail test'; options of 'dotnet test' go after '--' (ksail test -- {unknown.Value} ...)");
                context.Error.WriteLine("Run 'ksail --help' for usage.");
                return ExitCodes.Usage;
            }

            var declared = ClusterCommands.LoadOrReport(context, parse.GetValue(config), []);
            if (declared is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            // As the build integration does: a kubeconfig of the run's own, never the user's ~/.kube/config.
            List<ConfigOverride> overrides = [new ConfigOverride(ClusterFields.Kubeconfig, ClusterOperations.TestSessionKubeconfigPath(declared.Name), SourceLocation.FromArgument("ksail test"))];
            if (parse.GetValue(timeout) is { } limit)
            {
                overrides.Add(ConfigOverride.FromArgument(ClusterFields.Timeout, limit, "--timeout"));
            }

            var cluster = ClusterCommands.LoadOrReport(context, declared.ConfigFile, overrides);
            if (cluster is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            var progress = context.CreateLineProgress();
            var (exitCode, cancelled) = await ClusterOperations.WithTestSessionAsync(
                cluster,
                new TestSessionOptions
                {
                    Teardown = parse.GetValue(teardown),
                    Reuse = parse.GetValue(reuse),
                    KeepOnFailure = parse.GetValue(keep),
                    ParticipantProcessId = Environment.ProcessId,
                    Reaper = new SelfReaperLauncher(),
                },
                async (handle, token) =>
                {
                    // Core tears down even when the tests were cancelled or could not start (as Failed).
                    var run = await RunDotnetTestAsync(context, parse.GetValue(arguments) ?? [], handle, token).ConfigureAwait(false);
                    return (run, run.ExitCode == 0 && !run.Cancelled ? TestOutcome.Passed : TestOutcome.Failed);
                },
                progress,
                ct).ConfigureAwait(false);

            if (cancelled)
            {
                context.Error.WriteLine("cancelled");
                return ExitCodes.Cancelled;
            }

            return exitCode;
        });
        return test;
    }

    private static async Task<ChildProcessExit> RunDotnetTestAsync(CliContext context, IReadOnlyList<string> arguments, TestSessionHandle handle, CancellationToken ct)
    {
        var start = new ProcessStartInfo(DotnetHost(context))
        {
            UseShellExecute = false,
            WorkingDirectory = context.WorkingDirectory,
        };
        start.ArgumentList.Add("test");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[KubeconfigVariable] = handle.KubeconfigPath;
        start.Environment[ClusterNameVariable] = handle.ClusterName;
        start.Environment[ContextVariable] = handle.ContextName;
        start.Environment[EndpointVariable] = handle.Server.AbsoluteUri.TrimEnd('/');
        if (handle.Registry is { } registry)
        {
            start.Environment[RegistryVariable] = registry;
        }

        start.Environment[ProvidedVariable] = "ksail test";
        context.Error.WriteLine($"• test: dotnet test {string.Join(' ', arguments)} (KUBECONFIG={handle.KubeconfigPath}, context {handle.ContextName})");

        // Output is not redirected: dotnet test writes straight to this process's output as it runs
        // (but under the MCP server, whose standard output is the protocol's: there it is captured).
        if (context.ChildOutput is { } captured)
        {
            return await ChildProcess.RunAsync(start, "dotnet test", StopGrace, line => captured.WriteLine(line), ct).ConfigureAwait(false);
        }

        return await ChildProcess.RunAsync(start, "dotnet test", StopGrace, ct).ConfigureAwait(false);
    }

    // The dotnet that runs this tool (DOTNET_HOST_PATH, set by the dotnet host for tools), else the one on PATH.
    private static string DotnetHost(CliContext context) => ChildProcess.DotnetHost(context.Environment.GetValueOrDefault("DOTNET_HOST_PATH"));
}
