using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using KSail.Core;
using KSail.Core.Lifecycle;
using KSail.Core.Readiness;

namespace KSail.Cli.Commands;

/// <summary><c>ksail cluster diagnose</c>: what is unhealthy in a cluster, in one screen.</summary>
internal static class DiagnoseCommand
{
    private const int MessageWidth = 160;

    public static Command Create(CliContext context)
    {
        var name = new Option<string?>("--name", "-n") { Description = "The cluster (default: the one ksail.yaml declares)." };
        var config = new Option<string?>("--config", "-c") { Description = "The ksail.yaml that names the cluster." };
        var output = OutputFormats.CreateOption();
        var command = new Command(
            "diagnose",
            "Show what is unhealthy: node containers, nodes and their conditions, kube-system Pods, DaemonSets, GitOps objects, recent Warning events. Exit code 0 when healthy, 5 when a node container is not running or the API does not answer, 6 when objects are not ready.")
        {
            name, config, output,
        };
        command.Annotate(ToolPermission.Read);
        command.SetAction(async (parse, ct) =>
        {
            var cluster = parse.GetValue(name) ?? ClusterCommands.LoadOrReport(context, parse.GetValue(config), [])?.Name;
            if (cluster is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            var report = await ClusterOperations.DiagnoseAsync(cluster, ct).ConfigureAwait(false);
            if (parse.GetValue(output) == OutputFormat.Json)
            {
                context.WriteLine(JsonSerializer.Serialize(report, OutputFormats.JsonOptions));
            }
            else
            {
                // Straight to the output, not through Spectre's WriteLine, which wraps long lines at the console width when redirected.
                Write(context.Out.Profile.Out.Writer, report);
            }

            return report.ExitCode;
        });
        return command;
    }

    private static void Write(TextWriter console, ClusterHealthReport report)
    {
        var problems = report.Problems.Count;
        console.WriteLine($"cluster {report.Cluster}: {(report.Healthy ? "healthy" : $"{problems} problem{(problems == 1 ? string.Empty : "s")}")}");
        if (report.Nodes.Count > 0)
        {
            console.WriteLine("nodes:");
            foreach (var node in report.Nodes)
            {
                console.WriteLine($"  {node.Name}  {(node.Ready ? "Ready" : "NotReady")}  ({string.Join(", ", node.Conditions)})");
            }
        }

        if (problems > 0)
        {
            console.WriteLine("problems:");
            foreach (var problem in report.Problems)
            {
                console.WriteLine($"  {problem.Kind} {(problem.Namespace is null ? string.Empty : problem.Namespace + "/")}{problem.Name}: {problem.Reason}");
                foreach (var detail in problem.Details)
                {
                    console.WriteLine($"    {detail}");
                }
            }
        }

        if (report.Warnings.Count > 0)
        {
            console.WriteLine($"recent Warning events (last {ClusterHealth.WarningWindow.TotalMinutes.ToString(CultureInfo.InvariantCulture)} min):");
            foreach (var warning in report.Warnings)
            {
                console.WriteLine($"  {warning.Subject}  {warning.Reason}: {OneLine(warning.Message)}{(warning.Count > 1 ? $" (x{warning.Count})" : string.Empty)}");
            }
        }
    }

    // A message cut to one short line, so the report fits one screen (--output json has it whole).
    private static string OneLine(string message)
    {
        var line = message.ReplaceLineEndings(" ");
        return line.Length <= MessageWidth ? line : string.Concat(line.AsSpan(0, MessageWidth - 1), "…");
    }
}
