using System.CommandLine;
using KSail.Core;
using KSail.Core.Configuration;
using KSail.Core.Kubeconfig;
using KSail.Core.Lifecycle;
using Spectre.Console;
using KSail.Core.Distributions;

namespace KSail.Cli.Commands;

/// <summary><c>ksail cluster</c>: the cluster lifecycle.</summary>
internal static class ClusterCommands
{
    /// <summary>
    /// The options that set ksail.yaml fields (create and update take the same ones), each with the
    /// path it sets: one per field of <see cref="ClusterFields.All"/>, with KSail's short aliases
    /// (arguments win over environment and file); choices are listed as this version supports them.
    /// </summary>
    internal static IReadOnlyList<(Option<string?> Option, string Path)> CreateFieldOptions() => CreateFieldOptions(ClusterFields.All);

    /// <summary>The options that set the fields of <paramref name="fields"/>, each with the path it sets.</summary>
    internal static IReadOnlyList<(Option<string?> Option, string Path)> CreateFieldOptions(IEnumerable<ClusterField> fields) =>
        fields.Select(f => (new Option<string?>(f.Option, f.Alias is null ? [] : [f.Alias]) { Description = f.Description }, f.Path)).ToList();

    /// <summary>The values the field options of <paramref name="fields"/> were given, as overrides naming the option.</summary>
    internal static List<ConfigOverride> OverridesFrom(ParseResult parse, IReadOnlyList<(Option<string?> Option, string Path)> fields) =>
        fields
            .Where(f => parse.GetValue(f.Option) is not null)
            .Select(f => ConfigOverride.FromArgument(f.Path, parse.GetValue(f.Option)!, f.Option.Name))
            .ToList();

    public static Command Create(CliContext context)
    {
        var config = new Option<string?>("--config", "-c") { Description = "The ksail.yaml to use (default: the nearest ksail.yaml at or above the current directory)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Load and validate everything, print the plan, and create nothing." };
        var keep = new Option<bool>("--keep-on-failure") { Description = "Keep what was created when a step fails, for debugging." };
        var ttl = new Option<string?>("--ttl") { Description = "Delete the cluster this long after it is created, e.g. 30m (Go duration)." };
        var ifExists = new Option<ExistingClusterPolicy>("--if-exists") { Description = "When a cluster of that name exists: refuse (default), reuse it, or recreate it." };
        var mirrors = new Option<string[]>(Core.Registries.RegistryDeclarations.MirrorArgument)
        {
            Description = "A pull-through mirror to run, [user:${PASSWORD_VARIABLE}@]host[=upstream] (repeat it, or separate with commas), e.g. docker.io or 'me:${GHCR_TOKEN}@ghcr.io=https://ghcr.io'. The password comes from the variable named, never the command line.",
            AllowMultipleArgumentsPerToken = false,
        };
        var planOutput = OutputFormats.CreateOption();
        planOutput.Description = "The output format: text or json (with --dry-run the plan, else the created cluster: name, distribution, context, kubeconfig, api).";
        var fields = CreateFieldOptions();

        var create = new Command("create", "Create the cluster declared in ksail.yaml.") { config, dryRun, keep, ttl, ifExists, mirrors, planOutput };
        create.Annotate(ToolPermission.Write, idempotent: true);
        foreach (var (option, _) in fields)
        {
            create.Add(option);
        }

        create.SetAction(async (parse, ct) =>
        {
            var mirrorRegistries = (parse.GetValue(mirrors) ?? []).SelectMany(m => m.Split(',')).ToList();
            var definition = LoadOrReport(context, parse.GetValue(config), OverridesFrom(parse, fields), mirrorRegistries);
            if (definition is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            var json = parse.GetValue(planOutput) == OutputFormat.Json;
            if (json && parse.GetValue(dryRun))
            {
                ClusterJson.WritePlan(context, definition);
                return ExitCodes.Success;
            }

            TimeSpan? timeToLive = null;
            if (parse.GetValue(ttl) is { } text)
            {
                if (!GoDuration.TryParse(text, out var parsed) || parsed <= TimeSpan.Zero)
                {
                    context.Error.WriteLine($"error: --ttl '{text}' is not a duration such as 30m or 1h");
                    return ExitCodes.Usage;
                }

                timeToLive = parsed;
            }

            if (!json)
            {
                PlanView.Write(context.Out, definition);
            }

            if (parse.GetValue(dryRun))
            {
                context.WriteLine("Dry run: nothing was created.");
                return ExitCodes.Success;
            }

            return await CreateAsync(context, definition, new CreateOptions { KeepOnFailure = parse.GetValue(keep), TimeToLive = timeToLive, IfExists = parse.GetValue(ifExists), Reaper = new SelfReaperLauncher() }, json, ct).ConfigureAwait(false);
        });

        var name = new Option<string?>("--name", "-n") { Description = "The cluster to delete (default: the one ksail.yaml declares)." };
        var deleteConfig = new Option<string?>("--config", "-c") { Description = "The ksail.yaml that names the cluster." };
        var deleteKubeconfig = new Option<string?>("--kubeconfig") { Description = "The kubeconfig file to remove the cluster's context from." };
        var deleteStorage = new Option<bool>("--delete-storage") { Description = "Also delete the volumes of the cluster's registries (the local registry's images, the mirrors' caches); kept by default for the next create." };
        var delete = new Command("delete", "Delete a cluster: every container it owns (found by label) and its kubeconfig context.") { name, deleteConfig, deleteKubeconfig, deleteStorage };
        delete.Annotate(ToolPermission.Write, destructive: true);
        delete.SetAction(async (parse, ct) =>
        {
            // Core connects (mostly the Docker client's start-up) while the declaration is read.
            DeleteTarget? target = null;
            var removed = await ClusterOperations.DeleteAsync(() => target = DeleteTargetOf(context, parse, name, deleteConfig, deleteKubeconfig) is { } found ? found with { DeleteStorage = parse.GetValue(deleteStorage) } : null, ct: ct).ConfigureAwait(false);
            if (removed is null || target is null)
            {
                // The declaration's errors are the answer.
                return ExitCodes.InvalidConfiguration;
            }

            context.WriteLine(removed.Count == 0
                ? $"No cluster named '{target.Name}' exists; nothing to delete."
                : $"Deleted cluster '{target.Name}': {string.Join(", ", removed)}");
            return ExitCodes.Success;
        });

        var stop = NodeCommand(context, "stop", "Stop a cluster's nodes; its data is kept for 'cluster start'.", ClusterOperations.StopAsync, "Stopped");
        var start = NodeCommand(context, "start", "Start a stopped cluster's nodes.", ClusterOperations.StartAsync, "Started");

        var kubeconfigName = new Option<string?>("--name", "-n") { Description = "The cluster (default: the one ksail.yaml declares)." };
        var kubeconfigConfig = new Option<string?>("--config", "-c") { Description = "The ksail.yaml that names the cluster." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the kubeconfig to this file (mode 0600) instead of standard output." };
        var merge = new Option<string?>("--merge") { Description = "Merge the context into this kubeconfig file (e.g. ~/.kube/config) without touching its other entries." };
        var kubeconfig = new Command("kubeconfig", "Export a running cluster's kubeconfig (it holds a client key: keep it private).") { kubeconfigName, kubeconfigConfig, output, merge };

        // A tool: it writes a file (--output, --merge); the MCP server refuses to print the key (no file given).
        kubeconfig.Annotate(ToolPermission.Write);
        kubeconfig.SetAction(async (parse, ct) =>
        {
            var cluster = parse.GetValue(kubeconfigName) ?? LoadOrReport(context, parse.GetValue(kubeconfigConfig), [])?.Name;
            if (cluster is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            var exported = await ClusterOperations.ExportKubeconfigAsync(cluster, ct).ConfigureAwait(false);
            if (parse.GetValue(merge) is { } into)
            {
                await Kubeconfigs.MergeIntoAsync(into, exported.Kubeconfig, ct: ct).ConfigureAwait(false);
                context.Error.WriteLine($"context {exported.ContextName} merged into {into}");
            }
            else if (parse.GetValue(output) is { } file)
            {
                Kubeconfigs.WriteAtomically(Path.GetFullPath(file, context.WorkingDirectory), exported.Kubeconfig);
                context.Error.WriteLine($"kubeconfig of {cluster} written to {file}");
            }
            else
            {
                context.Out.Profile.Out.Writer.Write(exported.Kubeconfig);
            }

            return ExitCodes.Success;
        });

        var infoName = new Option<string?>("--name", "-n") { Description = "The cluster (default: the one ksail.yaml declares)." };
        var infoConfig = new Option<string?>("--config", "-c") { Description = "The ksail.yaml that names the cluster." };
        var infoOutput = OutputFormats.CreateOption();
        var info = new Command("info", "Show a cluster's nodes, API endpoint and installed components.") { infoName, infoConfig, infoOutput };
        info.Annotate(ToolPermission.Read);
        info.SetAction(async (parse, ct) =>
        {
            var cluster = parse.GetValue(infoName) ?? LoadOrReport(context, parse.GetValue(infoConfig), [])?.Name;
            if (cluster is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            var found = await ClusterOperations.DescribeAsync(cluster, ct).ConfigureAwait(false);
            if (found is null)
            {
                context.Error.WriteLine($"error: no cluster named '{cluster}' exists; see 'ksail cluster list'");
                return ExitCodes.ProvisioningFailed;
            }

            if (parse.GetValue(infoOutput) == OutputFormat.Json)
            {
                ClusterJson.WriteInfo(context, found);
                return ExitCodes.Success;
            }

            WriteInfo(context, found);
            return ExitCodes.Success;
        });

        var listOutput = OutputFormats.CreateOption();
        var list = new Command("list", "List the clusters on this Docker engine.") { listOutput };
        list.Annotate(ToolPermission.Read);
        list.SetAction(async (parse, ct) =>
        {
            var clusters = await ClusterOperations.ListAsync(ct).ConfigureAwait(false);
            if (parse.GetValue(listOutput) == OutputFormat.Json)
            {
                ClusterJson.WriteList(context, clusters);
                return ExitCodes.Success;
            }

            if (clusters.Count == 0)
            {
                context.WriteLine("No clusters.");
            }

            foreach (var cluster in clusters)
            {
                context.WriteLine($"{cluster.Name}\t{cluster.Distribution}\t{string.Join(", ", cluster.Nodes.Select(n => $"{n.Name} ({n.State})"))}");
            }

            return ExitCodes.Success;
        });

        var waitConfig = new Option<string?>("--config", "-c") { Description = "The ksail.yaml that declares the cluster." };
        var waitName = new Option<string?>("--name", "-n") { Description = "The cluster (default: the one ksail.yaml declares)." };
        var wait = new Command("wait", "Wait until the running cluster passes the stability check (and GitOps readiness when an engine is declared).") { waitConfig, waitName };
        wait.Annotate(ToolPermission.Read);
        wait.SetAction(async (parse, ct) =>
        {
            var definition = LoadOrReport(
                context,
                parse.GetValue(waitConfig),
                parse.GetValue(waitName) is { } named ? [ConfigOverride.FromArgument(ClusterFields.Name, named, "--name")] : []);
            if (definition is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            var progress = context.CreateProgress();
            await using (progress.ConfigureAwait(false))
            {
                await ClusterOperations.WaitReadyAsync(definition, progress, ct).ConfigureAwait(false);
            }

            context.WriteLine($"Cluster '{definition.Name}' is ready.");
            return ExitCodes.Success;
        });

        return new Command("cluster", "Create and manage clusters.") { create, delete, stop, start, list, info, kubeconfig, wait, UpdateCommand.Create(context), DiagnoseCommand.Create(context) };
    }

    /// <summary>The hidden command a reaper process runs (see <see cref="Reaper"/>).</summary>
    public static Command Reap(CliContext context)
    {
        var cluster = new Option<string>("--cluster") { Required = true };
        var owner = new Option<int>("--owner") { Required = true };
        var ownerStart = new Option<long>("--owner-start") { Required = true };
        var disarm = new Option<string>("--disarm-file") { Required = true };
        var kubeconfig = new Option<string?>("--kubeconfig");
        var reap = new Command("__reap", "Deletes a cluster when its owner dies or its time to live ends (started by 'cluster create').")
        {
            cluster, owner, ownerStart, disarm, kubeconfig,
        };
        reap.Hidden = true;
        reap.SetAction(async (parse, ct) =>
        {
            var order = new ReaperOrder(
                parse.GetValue(cluster)!,
                parse.GetValue(owner),
                DateTimeOffset.FromUnixTimeMilliseconds(parse.GetValue(ownerStart)),
                parse.GetValue(disarm)!,
                parse.GetValue(kubeconfig));
            await Reaper.RunAsync(order, new ConsoleProgress(context.Error, timestamps: true), ct: ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return reap;
    }

    private static Command NodeCommand(
        CliContext context,
        string verb,
        string description,
        Func<string, CancellationToken, Task<IReadOnlyList<string>>> act,
        string done)
    {
        var name = new Option<string?>("--name", "-n") { Description = $"The cluster to {verb} (default: the one ksail.yaml declares)." };
        var config = new Option<string?>("--config", "-c") { Description = "The ksail.yaml that names the cluster." };
        var command = new Command(verb, description) { name, config }.Annotate(ToolPermission.Write);
        command.SetAction(async (parse, ct) =>
        {
            var cluster = parse.GetValue(name) ?? LoadOrReport(context, parse.GetValue(config), [])?.Name;
            if (cluster is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            var nodes = await act(cluster, ct).ConfigureAwait(false);
            context.WriteLine($"{done} cluster '{cluster}': {string.Join(", ", nodes)}");
            return ExitCodes.Success;
        });
        return command;
    }

    // The cluster 'cluster delete' means: --name (its context in the default kubeconfig), else the
    // declaration's; --kubeconfig wins. Null when the declaration has errors (reported).
    private static DeleteTarget? DeleteTargetOf(CliContext context, ParseResult parse, Option<string?> name, Option<string?> config, Option<string?> kubeconfig)
    {
        string clusterName;
        string? file;
        if (parse.GetValue(name) is { } given)
        {
            clusterName = given;
            file = new ClusterLoadOptions { Environment = context.Environment, WorkingDirectory = context.WorkingDirectory }.DefaultKubeconfigPath;
        }
        else
        {
            var overrides = parse.GetValue(kubeconfig) is { } path
                ? new[] { ConfigOverride.FromArgument(ClusterFields.Kubeconfig, path, "--kubeconfig") }
                : [];
            var loaded = LoadOrReport(context, parse.GetValue(config), overrides);
            if (loaded is null)
            {
                return null;
            }

            clusterName = loaded.Name;
            file = loaded.KubeconfigPath;
        }

        return new DeleteTarget(clusterName, parse.GetValue(kubeconfig) ?? file);
    }

    // The text of 'cluster info'.
    private static void WriteInfo(CliContext context, ClusterDescription found)
    {
        context.WriteLine($"cluster {found.Summary.Name} ({found.Summary.Distribution})");
        foreach (var node in found.Summary.Nodes)
        {
            context.WriteLine($"  {node.Name}  {node.State}");
        }

        // The nodes are shown before a failure to read the API (as the command did before the facade).
        found.ApiFailure?.Throw();
        if (found.Running)
        {
            context.WriteLine($"API {found.Server} (context {found.ContextName})");
            var components = found.Components ?? [];
            context.WriteLine(components.Count == 0 ? "components: none installed by KSail.NET or Helm" : "components:");
            foreach (var component in components)
            {
                context.WriteLine($"  {component.Name} {component.Version ?? "(version unknown)"}  installed by {component.InstalledBy} in {component.Namespace ?? "the cluster"}");
            }
        }
    }

    internal static ClusterDefinition? LoadOrReport(CliContext context, string? configPath, IReadOnlyList<ConfigOverride> overrides, IReadOnlyList<string>? mirrorRegistries = null)
    {
        try
        {
            var definition = ClusterConfigLoader.Load(new ClusterLoadOptions
            {
                ConfigPath = configPath,
                WorkingDirectory = context.WorkingDirectory,
                Environment = context.Environment,
                Overrides = overrides,
                MirrorRegistries = mirrorRegistries ?? [],
            });
            foreach (var warning in definition.Warnings)
            {
                context.Report(warning);
            }

            return definition;
        }
        catch (ConfigurationException ex)
        {
            foreach (var diagnostic in ex.Diagnostics)
            {
                context.Report(diagnostic);
            }

            var errors = ex.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            context.Error.WriteLine($"{errors} error{(errors == 1 ? string.Empty : "s")} in the cluster declaration; nothing was created.");
            return null;
        }
    }

    private static async Task<int> CreateAsync(CliContext context, ClusterDefinition definition, CreateOptions options, bool json, CancellationToken ct)
    {
        CreatedCluster created;
        var progress = context.CreateProgress();
        await using (progress.ConfigureAwait(false))
        {
            created = await ClusterOperations.CreateAsync(definition, options, progress, ct).ConfigureAwait(false);
        }

        if (json)
        {
            ClusterJson.WriteCreated(context, definition, created);
            return ExitCodes.Success;
        }

        context.WriteLine($"Cluster '{created.Name}' is up: context {created.ContextName} in {definition.KubeconfigPath}, API at {created.Server}");
        context.WriteLine($"Try: kubectl --context {created.ContextName} get nodes");
        return ExitCodes.Success;
    }
}
