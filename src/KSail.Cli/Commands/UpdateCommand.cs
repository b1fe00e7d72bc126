using System.CommandLine;
using KSail.Core;
using KSail.Core.Lifecycle;
using Spectre.Console;

namespace KSail.Cli.Commands;

/// <summary><c>ksail cluster update</c>: change a running cluster to its declaration, where that can be done in place.</summary>
internal static class UpdateCommand
{
    public static Command Create(CliContext context)
    {
        var config = new Option<string?>("--config", "-c") { Description = "The ksail.yaml that declares the cluster (default: the nearest ksail.yaml at or above the current directory)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the plan and change nothing." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Apply the plan without asking." };
        var update = new Command(
            "update",
            "Diff ksail.yaml against the spec the cluster was created with, classify each change (in place, reboot required, recreate required), show the plan, and apply the in-place changes.")
        {
            config, dryRun, yes,
        };
        update.Annotate(ToolPermission.Write, destructive: true);
        var fields = ClusterCommands.CreateFieldOptions();
        foreach (var (option, _) in fields)
        {
            update.Add(option);
        }

        update.SetAction(async (parse, ct) =>
        {
            var desired = ClusterCommands.LoadOrReport(context, parse.GetValue(config), ClusterCommands.OverridesFrom(parse, fields));
            if (desired is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            var progress = context.CreateLineProgress();
            var declined = ExitCodes.Success;
            var cluster = desired.Name;
            var result = await ClusterOperations.UpdateAsync(
                desired,
                async (plan, token) =>
                {
                    cluster = plan.Cluster;
                    (var apply, declined) = await ApproveAsync(context, plan, parse.GetValue(dryRun), parse.GetValue(yes), token).ConfigureAwait(false);
                    return apply;
                },
                progress,
                ct).ConfigureAwait(false);
            if (result is null)
            {
                return declined;
            }

            foreach (var change in result.Applied)
            {
                context.WriteLine($"applied: {change.Field} ({change.Detail})");
            }

            foreach (var change in result.Refused)
            {
                context.Error.WriteLine($"not applied: {change.Field} {change.From} -> {change.To}: {Refusal(change)}");
            }

            if (result.Refused.Count > 0)
            {
                context.Error.WriteLine(context.FailureLine(
                    ExitCodes.ProvisioningFailed,
                    $"{result.Refused.Count} change(s) were not applied, so the saved spec of '{cluster}' was kept; recreate the cluster to get them ('ksail cluster create --if-exists recreate')"));
                return ExitCodes.ProvisioningFailed;
            }

            context.WriteLine($"Cluster '{cluster}' is updated; its spec is saved.");
            return ExitCodes.Success;
        });
        return update;
    }

    // Shows the plan and decides whether to apply it; when not, the exit code to end with.
    private static async Task<(bool Apply, int ExitCode)> ApproveAsync(CliContext context, ClusterUpdatePlan plan, bool dryRun, bool yes, CancellationToken ct)
    {
        if (plan.IsEmpty)
        {
            context.WriteLine($"Cluster '{plan.Cluster}' matches ksail.yaml: nothing to change.");
            return (false, ExitCodes.Success);
        }

        Write(context, plan);
        if (dryRun)
        {
            context.WriteLine("Dry run: nothing was changed.");
            return (false, ExitCodes.Success);
        }

        if (!plan.Changes.Any(c => c.CanApply))
        {
            context.Error.WriteLine(context.FailureLine(ExitCodes.ProvisioningFailed, $"no change of the plan can be applied to the running cluster; recreate it ('ksail cluster create --if-exists recreate')"));
            return (false, ExitCodes.ProvisioningFailed);
        }

        if (!yes)
        {
            var canAsk = context.Out.Profile.Capabilities.Interactive && !Console.IsInputRedirected;
            if (!canAsk)
            {
                context.Error.WriteLine("error: applying the plan needs confirmation: pass --yes (or --dry-run to only show it)");
                return (false, ExitCodes.Usage);
            }

            if (!await context.Out.ConfirmAsync($"Apply the {plan.Changes.Count(c => c.CanApply)} in-place change(s) to '{plan.Cluster}'?", defaultValue: false, ct).ConfigureAwait(false))
            {
                context.WriteLine("Nothing was changed.");
                return (false, ExitCodes.Success);
            }
        }

        return (true, ExitCodes.Success);
    }

    private static string Refusal(ClusterChange change) => change.Class switch
    {
        ChangeClass.RecreateRequired => $"recreate required ({change.Detail})",
        ChangeClass.RebootRequired => $"reboot required ({change.Detail})",
        _ => change.Detail,
    };

    private static string ClassName(ChangeClass value) => value switch
    {
        ChangeClass.InPlace => "in-place",
        ChangeClass.RebootRequired => "reboot-required",
        _ => "recreate-required",
    };

    private static void Write(CliContext context, ClusterUpdatePlan plan)
    {
        var console = context.Out;
        var summary = string.Join(", ", plan.Changes.GroupBy(c => c.Class).OrderBy(g => g.Key).Select(g => $"{g.Count()} {ClassName(g.Key)}"));
        if (console.Profile.Capabilities.Ansi)
        {
            console.MarkupLine($"[bold]Update plan for cluster '{Markup.Escape(plan.Cluster)}'[/] ({Markup.Escape(summary)})");
            var table = new Table().AddColumns("FIELD", "FROM", "TO", "CLASS", "WHAT HAPPENS");
            foreach (var change in plan.Changes)
            {
                var colour = change.Class == ChangeClass.InPlace ? (change.CanApply ? "green" : "yellow") : "red";
                table.AddRow(Markup.Escape(change.Field), Markup.Escape(change.From), Markup.Escape(change.To), $"[{colour}]{ClassName(change.Class)}[/]", Markup.Escape(change.Detail));
            }

            console.Write(table);
            return;
        }

        context.WriteLine($"Update plan for cluster '{plan.Cluster}' ({summary}):");
        foreach (var change in plan.Changes)
        {
            context.WriteLine($"  {ClassName(change.Class)}: {change.Field}: {change.From} -> {change.To}: {change.Detail}");
        }
    }
}
