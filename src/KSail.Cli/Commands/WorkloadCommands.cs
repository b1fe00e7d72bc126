using System.CommandLine;
using System.Text.Json;
using KSail.Core;
using KSail.Core.Configuration;
using KSail.Core.Images;
using KSail.Core.Lifecycle;
using KSail.Core.Workloads;

namespace KSail.Cli.Commands;

/// <summary>
/// <c>ksail workload</c>: what goes into a running cluster. <c>push</c> packs the manifests into an OCI
/// artifact and pushes it to the cluster's registry (KSail's <c>workload push</c>); <c>import</c> loads images into every
/// node's containerd, from an archive (KSail's <c>workload import</c>) or from the host's Docker
/// (<c>--image</c>, as kind's <c>load docker-image</c>); <c>export</c> writes a node's images to an
/// archive (KSail's <c>workload export</c>). The cluster is chosen as the cluster commands choose it:
/// <c>--name</c>, else the one ksail.yaml declares.
/// </summary>
internal static class WorkloadCommands
{
    public static Command Create(CliContext context) =>
        new Command("workload", "Work with what runs in a cluster: its images and its manifests.") { Push(context), Reconcile(context), Import(context), Export(context) }
            .Annotate(ToolPermission.Write);

    // KSail's workload push (pkg/cli/cmd/workload/push.go): the argument, --path and --registry (KSAIL_REGISTRY).
    private static Command Push(CliContext context)
    {
        var choice = new PushChoice();
        var output = OutputFormats.CreateOption();
        var push = new Command("push", "Package the workload's manifests as an OCI artifact and push it to a registry (for Flux's OCIRepository or Argo CD's OCI source).");
        choice.AddTo(push);
        push.Options.Add(output);
        push.SetAction(async (parse, ct) =>
        {
            var cluster = ClusterCommands.LoadOrReport(context, parse.GetValue(choice.Config), []);
            if (cluster is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            var options = choice.OptionsOf(context, parse);
            var progress = context.CreateProgress();
            var report = await ReportingBadInputAsync(context, progress, () => ClusterOperations.PushWorkloadAsync(cluster, options, progress, ct)).ConfigureAwait(false);
            if (report is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            if (parse.GetValue(output) == OutputFormat.Json)
            {
                context.WriteLine(JsonSerializer.Serialize(PushDocument.Of(report), OutputFormats.JsonOptions));
                return ExitCodes.Success;
            }

            context.WriteLine(Pushed(report));
            return ExitCodes.Success;
        });
        return push;
    }

    // KSail's workload reconcile (pkg/cli/cmd/workload/reconcile.go): here it pushes first, with push's options.
    private static Command Reconcile(CliContext context)
    {
        var choice = new PushChoice();
        var timeout = new Option<string?>("--timeout")
        {
            Description = "How long to wait for the GitOps engine to report the pushed revision, e.g. 2m (default: spec.cluster.timeouts.gitOps, 5m).",
        };
        var exclude = new Option<string[]>("--exclude")
        {
            Description = "A Kustomization (Flux) or Application (Argo CD) not to wait for, by name, namespace/name or Kind/namespace/name (repeatable, comma-separated); it is still asked to reconcile.",
        };
        var output = OutputFormats.CreateOption();
        var reconcile = new Command("reconcile", "Push the workload's manifests, ask the GitOps engine (Flux or Argo CD) to reconcile now, and wait until it reports the pushed revision.");
        choice.AddTo(reconcile);
        reconcile.Options.Add(timeout);
        reconcile.Options.Add(exclude);
        reconcile.Options.Add(output);
        reconcile.SetAction(async (parse, ct) =>
        {
            TimeSpan? limit = null;
            if (parse.GetValue(timeout) is { } text)
            {
                if (!GoDuration.TryParse(text, out var parsed) || parsed <= TimeSpan.Zero)
                {
                    context.Error.WriteLine($"error: --timeout '{text}' is not a duration such as 90s or 5m");
                    return ExitCodes.Usage;
                }

                limit = parsed;
            }

            var cluster = ClusterCommands.LoadOrReport(context, parse.GetValue(choice.Config), []);
            if (cluster is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            var excluded = (parse.GetValue(exclude) ?? []).SelectMany(e => e.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var options = new WorkloadReconcileOptions(choice.OptionsOf(context, parse), limit, excluded.Count > 0 ? excluded : null);
            var progress = context.CreateProgress();
            var report = await ReportingBadInputAsync(context, progress, () => ClusterOperations.ReconcileWorkloadAsync(cluster, options, progress, ct)).ConfigureAwait(false);
            if (report is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            if (parse.GetValue(output) == OutputFormat.Json)
            {
                context.WriteLine(JsonSerializer.Serialize(new ReconcileDocument(PushDocument.Of(report.Push), report.Engine.ToString(), report.Revision, report.Objects), OutputFormats.JsonOptions));
                return ExitCodes.Success;
            }

            context.WriteLine(Pushed(report.Push));
            context.WriteLine($"{report.Engine} reconciled {string.Join(", ", report.Objects)} at {report.Revision}");
            return ExitCodes.Success;
        });
        return reconcile;
    }

    private static string Pushed(WorkloadPushReport report) =>
        $"Pushed {report.Files.Count} file{(report.Files.Count == 1 ? string.Empty : "s")} to {report.Reference}@{report.Digest}";

    private static Command Import(CliContext context)
    {
        var archive = ArchiveArgument($"The image archive to import: a tar written by 'docker save' or 'ksail workload export' (default: {ClusterOperations.DefaultImageArchive}).");
        var images = new Option<string[]>("--image")
        {
            Description = "Import this image from the host's Docker instead of an archive (repeatable); nodes that have it with the same image ID are skipped.",
        };
        var (name, config) = ClusterChoice("import into");
        var output = OutputFormats.CreateOption();
        var import = new Command("import", "Import container images into every node of a running cluster, from an archive or from the host's Docker.")
        {
            archive, images, name, config, output,
        };
        import.SetAction(async (parse, ct) =>
        {
            var named = parse.GetValue(images) ?? [];
            if (named.Length > 0 && parse.GetValue(archive) is not null)
            {
                context.Error.WriteLine("error: give an archive or --image, not both");
                return ExitCodes.Usage;
            }

            var cluster = ClusterOf(context, parse, name, config);
            if (cluster is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            var progress = context.CreateProgress();
            var report = await ReportingBadInputAsync(context, progress, () => named.Length > 0
                ? ClusterOperations.ImportImagesAsync(cluster, named, progress: progress, ct: ct)
                : ClusterOperations.ImportImageArchiveAsync(cluster, ArchivePath(context, parse.GetValue(archive)), progress: progress, ct: ct)).ConfigureAwait(false);
            if (report is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            if (parse.GetValue(output) == OutputFormat.Json)
            {
                context.WriteLine(JsonSerializer.Serialize(
                    new ImportDocument(report.Cluster, report.Source, report.Images, [.. report.Nodes.Select(n => new NodeImportDocument(n.Node, n.Image, n.Outcome.ToString()))]),
                    OutputFormats.JsonOptions));
                return ExitCodes.Success;
            }

            foreach (var node in report.Nodes)
            {
                context.WriteLine(node.Outcome == ImageImportOutcome.Imported
                    ? $"{node.Node}: imported {node.Image}"
                    : $"{node.Node}: {node.Image} is there with the same image ID; skipped");
            }

            var imported = string.Join(", ", report.Images);
            var nodes = report.Nodes.Select(n => n.Node).Distinct(StringComparer.Ordinal).Count();
            context.WriteLine(report.ImportedCount == 0 ? $"Every node of cluster '{report.Cluster}' has {imported} already; nothing imported."
                : report.ImportedCount == report.Nodes.Count ? $"Imported {imported} into {(nodes == 1 ? "the node" : $"the {nodes} nodes")} of cluster '{report.Cluster}'."
                : $"Imported {imported} into cluster '{report.Cluster}' where missing ({report.ImportedCount} of {report.Nodes.Count} node images; the rest were there already).");
            return ExitCodes.Success;
        });
        return import;
    }

    private static Command Export(CliContext context)
    {
        var archive = ArchiveArgument($"The archive to write (default: {ClusterOperations.DefaultImageArchive}).");
        var images = new Option<string[]>("--image")
        {
            Description = "Export this image (repeatable); without it, every image of the cluster is exported.",
        };
        var (name, config) = ClusterChoice("export from");
        var output = OutputFormats.CreateOption();
        var export = new Command("export", "Export container images from a running cluster's control plane to a tar archive (for 'workload import' or spec.cluster.importImages).")
        {
            archive, images, name, config, output,
        };
        export.SetAction(async (parse, ct) =>
        {
            var cluster = ClusterOf(context, parse, name, config);
            if (cluster is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            var progress = context.CreateProgress();
            var report = await ReportingBadInputAsync(context, progress, () => ClusterOperations.ExportImagesAsync(cluster, ArchivePath(context, parse.GetValue(archive)), parse.GetValue(images) ?? [], progress, ct)).ConfigureAwait(false);
            if (report is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            if (parse.GetValue(output) == OutputFormat.Json)
            {
                context.WriteLine(JsonSerializer.Serialize(new ExportDocument(report.Cluster, report.Node, report.Archive, report.Platform, report.Images), OutputFormats.JsonOptions));
                return ExitCodes.Success;
            }

            context.WriteLine($"Exported {report.Images.Count} image{(report.Images.Count == 1 ? string.Empty : "s")} ({report.Platform}) from {report.Node} to {report.Archive}: {string.Join(", ", report.Images)}");
            return ExitCodes.Success;
        });
        return export;
    }

    // Runs the Core call with progress; bad input (a missing archive, an image the host or the cluster
    // lacks) is reported where it was named, as a declaration's errors are, and gives null (exit code 3).
    private static async Task<T?> ReportingBadInputAsync<T>(CliContext context, CliProgress progress, Func<Task<T>> call)
        where T : class
    {
        ConfigurationException? refused = null;
        await using (progress.ConfigureAwait(false))
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (ConfigurationException ex) when (ex.Diagnostics.Count > 0)
            {
                refused = ex;
            }
        }

        foreach (var diagnostic in refused?.Diagnostics ?? [])
        {
            context.Report(diagnostic);
        }

        return null;
    }

    private static Argument<string?> ArchiveArgument(string description) => OptionalArgument("archive", description);

    // An optional argument would take an unknown option as its value: refused as one.
    internal static Argument<string?> OptionalArgument(string name, string description)
    {
        var archive = new Argument<string?>(name) { Description = description, Arity = ArgumentArity.ZeroOrOne };
        archive.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: ['-', ..] value }])
            {
                result.AddError($"Unrecognized command or argument '{value}'.");
            }
        });
        return archive;
    }

    private static (Option<string?> Name, Option<string?> Config) ClusterChoice(string verb) =>
        (new Option<string?>("--name", "-n") { Description = $"The cluster to {verb} (default: the one ksail.yaml declares)." },
         new Option<string?>("--config", "-c") { Description = "The ksail.yaml that names the cluster." });

    // --name, else the declaration's name; null when the declaration has errors (reported).
    private static string? ClusterOf(CliContext context, ParseResult parse, Option<string?> name, Option<string?> config) =>
        parse.GetValue(name) ?? ClusterCommands.LoadOrReport(context, parse.GetValue(config), [])?.Name;

    private static string ArchivePath(CliContext context, string? given) =>
        Path.GetFullPath(given ?? ClusterOperations.DefaultImageArchive, context.WorkingDirectory);

    private sealed record PushDocument(string Reference, string Repository, string Tag, string Digest, IReadOnlyList<string> Files)
    {
        public static PushDocument Of(WorkloadPushReport report) => new(report.Reference, report.Repository, report.Tag, report.Digest, report.Files);
    }

    private sealed record ReconcileDocument(PushDocument Push, string Engine, string Revision, IReadOnlyList<string> Objects);

    private sealed record NodeImportDocument(string Node, string Image, string Outcome);

    private sealed record ImportDocument(string Cluster, string Source, IReadOnlyList<string> Images, IReadOnlyList<NodeImportDocument> Nodes);

    private sealed record ExportDocument(string Cluster, string Node, string Archive, string Platform, IReadOnlyList<string> Images);
}
