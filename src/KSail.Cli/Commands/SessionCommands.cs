using System.CommandLine;
using System.Text.Json;
using KSail.Core;
using KSail.Core.Configuration;
using KSail.Core.Lifecycle;
using KSail.Core.Sessions;

namespace KSail.Cli.Commands;

/// <summary>
/// <c>ksail __session start|end</c>: the test-run session the build integration (KSail.Build.Tasks:
/// MSBuild targets and the Testing Platform extension) runs out of process, so the engine and its
/// dependencies never load into MSBuild or the test app. Results are one JSON line on standard output.
/// </summary>
internal static class SessionCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static Command Create(CliContext context)
    {
        var config = new Option<string?>("--config", "-c") { Description = "The ksail.yaml to use." };
        var participant = new Option<int>("--participant") { Description = "The process taking part in the test run.", Required = true };
        var reuse = new Option<bool>("--reuse") { Description = "Reuse a running cluster with the same spec, and keep it for the next run." };
        var keep = new Option<bool>("--keep-on-failure") { Description = "Keep what was created when a step fails." };
        var images = new Option<string[]>("--image") { Description = "Import this image from the host's Docker before the tests run (repeatable; MSBuild's KSailImage items)." };

        // The build's KSail<Field> properties arrive as the field options of cluster create (one per
        // field of ClusterFields.All). --teardown given is the run's policy even with --reuse (whose
        // default is Never); --kubeconfig gives way to the session's own kubeconfig.
        var fields = ClusterCommands.CreateFieldOptions();
        var teardown = fields.Single(f => f.Path == ClusterFields.Teardown).Option;
        var start = new Command("start", "Join the test run's session: create or reuse the cluster, or join the run's cluster.")
        {
            config, participant, reuse, keep, images,
        };
        foreach (var (option, _) in fields)
        {
            start.Add(option);
        }

        start.SetAction(async (parse, ct) =>
        {
            var set = ClusterCommands.OverridesFrom(parse, fields);
            var declared = ClusterCommands.LoadOrReport(context, parse.GetValue(config), set);
            if (declared is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            // Test runs write a kubeconfig of their own, never the user's ~/.kube/config.
            var kubeconfig = ClusterOperations.TestSessionKubeconfigPath(declared.Name);
            List<ConfigOverride> overrides = [.. set, new ConfigOverride(ClusterFields.Kubeconfig, kubeconfig, SourceLocation.FromArgument("test session"))];
            var cluster = ClusterCommands.LoadOrReport(context, declared.ConfigFile, overrides);
            if (cluster is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            var progress = new ConsoleProgress(context.Error, msbuild: context.MSBuildDiagnostics, verbosity: context.Verbosity);
            var handle = await ClusterOperations.StartTestSessionAsync(
                cluster,
                new TestSessionOptions
                {
                    Teardown = parse.GetValue(teardown) is null ? null : cluster.Teardown,
                    Reuse = parse.GetValue(reuse),
                    KeepOnFailure = parse.GetValue(keep),
                    ParticipantProcessId = parse.GetValue(participant),
                    Images = parse.GetValue(images) ?? [],
                    Reaper = new SelfReaperLauncher(),
                },
                progress,
                ct).ConfigureAwait(false);
            context.WriteLine(JsonSerializer.Serialize(handle, Json));
            return ExitCodes.Success;
        });

        var cluster = new Option<string>("--cluster") { Description = "The cluster of the session.", Required = true };
        var id = new Option<string>("--participant-id") { Description = "The id 'start' returned.", Required = true };
        var outcome = new Option<TestOutcome>("--outcome") { Description = "Passed or Failed.", Required = true };
        var runEnds = new Option<bool>("--run-ends") { Description = "The run is over: no participant can join any more." };
        var end = new Command("end", "End a participant's part; the last one out applies the teardown policy.")
        {
            cluster, id, outcome, runEnds,
        };
        end.SetAction(async (parse, ct) =>
        {
            var progress = new ConsoleProgress(context.Error, msbuild: context.MSBuildDiagnostics, verbosity: context.Verbosity);
            var deleted = await ClusterOperations
                .EndTestSessionAsync(parse.GetValue(cluster)!, parse.GetValue(id)!, parse.GetValue(outcome), parse.GetValue(runEnds), progress, ct)
                .ConfigureAwait(false);
            context.WriteLine(JsonSerializer.Serialize(new { deleted }, Json));
            return ExitCodes.Success;
        });

        var session = new Command("__session", "Test-run sessions for the build integration (KSail.Build.Tasks).") { start, end };
        session.Hidden = true;
        return session;
    }
}
