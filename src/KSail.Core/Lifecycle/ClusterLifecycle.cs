using KSail.Core.Configuration;
using KSail.Core.Kubeconfig;
using KSail.Core.Providers;
using KSail.Core.State;
using KSail.Core.Labels;
using KSail.Core.Distributions;

namespace KSail.Core.Lifecycle;

/// <summary>A cluster found on the provider by its labels.</summary>
/// <param name="Name">The cluster name.</param>
/// <param name="Distribution">Vanilla or K3s.</param>
/// <param name="Nodes">Its node containers.</param>
public sealed record ClusterSummary(string Name, string Distribution, IReadOnlyList<ContainerSummary> Nodes);

/// <summary>
/// The cluster lifecycle every surface calls: create (provision, export the kubeconfig), list and
/// delete. It picks the provisioner for the distribution and the provider for the nodes.
/// </summary>
public sealed class ClusterLifecycle
{

    private readonly IProvider provider;
    private readonly IProgress<ProgressEvent>? progress;
    private readonly ClusterStateStore state;
    private readonly TimeProvider time;

    /// <summary>Creates the lifecycle on a provider (see <see cref="ProviderFactory"/>).</summary>
    public ClusterLifecycle(IProvider provider, IProgress<ProgressEvent>? progress = null, ClusterStateStore? state = null, TimeProvider? time = null)
    {
        this.provider = provider;
        this.progress = progress;
        this.state = state ?? new ClusterStateStore();
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>Creates the declared cluster and merges its context into the declared kubeconfig file.</summary>
    /// <exception cref="ProvisioningException">A step failed (exit code 5).</exception>
    public async Task<CreatedCluster> CreateAsync(ClusterDefinition cluster, CreateOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        options ??= new CreateOptions();
        _ = DistributionRegistry.For(cluster.Distribution);

        // A name in use is refused before the reaper is armed: the reaper must never own someone else's cluster.
        var existing = await NodesAsync(cluster.Name, ct).ConfigureAwait(false);
        if (existing.Count > 0)
        {
            switch (options.IfExists)
            {
                case ExistingClusterPolicy.Reuse:
                    return await ReuseAsync(cluster, existing, options, ct).ConfigureAwait(false);
                case ExistingClusterPolicy.Recreate:
                    progress?.Report(new ProgressEvent("delete existing cluster", $"{cluster.Name}: {string.Join(", ", existing.Select(c => c.Name))}"));
                    await DeleteAsync(cluster.Name, cluster.KubeconfigPath, ct).ConfigureAwait(false);
                    break;
                default:
                    throw new ProvisioningException(
                        $"a cluster named '{cluster.Name}' exists already (nodes {string.Join(", ", existing.Select(c => c.Name))}); delete it first ('ksail cluster delete'), reuse or recreate it ('--if-exists reuse|recreate'), or choose another name");
            }
        }

        // Only a new cluster: a reused one may have its CNI, and the components added by cluster update, by now.
        RefuseComponentsWithoutCni(cluster);
        Create.ImportImagesPhase.RequireArchive(cluster);

        // Armed before anything exists, so a kill at any step leaves nothing behind.
        var reaper = options.Reaper is { } launcher ? Reaper.Arm(launcher, cluster.Name, cluster.KubeconfigPath) : null;

        // The whole create's limit (spec.cluster.connection.timeout, --timeout), when one is set;
        // the provisioning phase also has its own (spec.cluster.timeouts.provision).
        using var overall = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (cluster.OperationTimeout is { } whole)
        {
            overall.CancelAfter(whole);
        }

        CreatedCluster created;
        using var context = new Create.CreateContext(cluster, provider, progress, state, time, options) { Caller = ct, OverallExpired = () => overall.IsCancellationRequested };
        try
        {
            await Create.CreatePipeline.RunAsync(context, Create.CreatePipeline.Create, overall.Token).ConfigureAwait(false);
            created = context.Provisioned;
        }
        catch when (reaper is not null && options.KeepOnFailure)
        {
            Reaper.Disarm(reaper);
            throw;
        }
        catch (Exception ex) when (ex is Readiness.ReadinessTimeoutException or Readiness.ReadinessFailedException or Components.ComponentException && !options.KeepOnFailure)
        {
            // Not ready is a failed create: nothing half-ready is left behind (--keep-on-failure keeps it).
            progress?.Report(new ProgressEvent("clean up", $"the cluster is not ready; deleting {cluster.Name} (keep it with --keep-on-failure)"));
            await DeleteCreatedAsync(context, reaper).ConfigureAwait(false);
            throw;
        }
        catch when (cluster.Registries.Count > 0 && !options.KeepOnFailure)
        {
            // The registries started before the nodes (and the network they joined) go with a failed create too.
            progress?.Report(new ProgressEvent("clean up", $"the create failed; removing what was created for {cluster.Name}, its registries included (keep it with --keep-on-failure)"));
            await DeleteCreatedAsync(context, reaper).ConfigureAwait(false);
            throw;
        }

        if (reaper is not null && !options.DeleteWhenOwnerExits)
        {
            Reaper.Disarm(reaper, options.TimeToLive is { } timeToLive ? time.GetUtcNow() + timeToLive : null);
        }

        progress?.Report(new ProgressEvent("export kubeconfig", $"context {created.ContextName} written to {cluster.KubeconfigPath}"));
        if (options.TimeToLive is { } ttl)
        {
            progress?.Report(new ProgressEvent("time to live", $"the cluster will be deleted in {Configuration.GoDuration.Format(ttl)}"));
        }

        return created;
    }

    // A failed create's clean-up: everything labelled for the cluster, and the registry volumes this create made.
    private async Task DeleteCreatedAsync(Create.CreateContext context, ReaperOrder? reaper)
    {
        await DeleteAsync(context.Cluster.Name, context.Cluster.KubeconfigPath, CancellationToken.None).ConfigureAwait(false);
        if (context.NewRegistryVolumes.Count > 0 && provider is IContainerProvider docker)
        {
            await Registries.ClusterRegistries.RemoveAsync(docker, [], context.NewRegistryVolumes).ConfigureAwait(false);
        }

        if (reaper is not null)
        {
            Reaper.Disarm(reaper);
        }
    }

    /// <summary>Waits until the running cluster <paramref name="cluster"/> declares is stable (and GitOps has reconciled, when an engine is declared).</summary>
    /// <exception cref="ProvisioningException">No such cluster runs.</exception>
    public async Task WaitReadyAsync(ClusterDefinition cluster, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var created = await KubeconfigAsync(cluster.Name, ct).ConfigureAwait(false);
        using var context = new Create.CreateContext(cluster, provider, progress, state, time) { Created = created, Caller = ct };
        await Create.CreatePipeline.RunAsync(context, Create.CreatePipeline.WaitReady, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The components installed in the running cluster <paramref name="name"/>: KSail.NET's (read
    /// from its labels) and Helm releases (read from their release Secrets).
    /// </summary>
    /// <exception cref="ProvisioningException">No such running cluster.</exception>
    public async Task<IReadOnlyList<Components.InstalledComponent>> ComponentsAsync(string name, CancellationToken ct = default) =>
        await ComponentsAsync(await KubeconfigAsync(name, ct).ConfigureAwait(false), ct).ConfigureAwait(false);

    /// <summary>The components installed in the running cluster <paramref name="created"/> (its kubeconfig already read).</summary>
    public async Task<IReadOnlyList<Components.InstalledComponent>> ComponentsAsync(CreatedCluster created, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(created);
        using var client = Kubeconfigs.CreateClient(created.Kubeconfig);
        return await new Components.ComponentInstaller(new Components.KubeApi(client, time), new Components.ManifestStore(Http.EngineHttp.Downloads, time: time), progress, time).DetectAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A cluster created without a CNI (the user brings their own) cannot run the Pods of the components
    /// KSail.NET installs and waits for (CSI or metrics-server Enabled, a GitOps engine) until that CNI
    /// runs, so create would only wait in vain; <c>cluster update</c> installs them once it does.
    /// </summary>
    /// <exception cref="ConfigurationException">The declaration asks for such a component (exit code 3).</exception>
    internal static void RefuseComponentsWithoutCni(ClusterDefinition cluster)
    {
        if (cluster.CniDisabledBy is not { } setting || Components.ComponentCatalog.For(cluster) is not { Count: > 0 } waiting)
        {
            return;
        }

        throw new ConfigurationException(
            SourceLocation.StartOf(cluster.ConfigFile),
            $"the cluster gets no CNI ({setting} in {Path.GetFileName(cluster.DistributionConfigFile)}, spec.cluster.cni: Default: you bring your own), but {string.Join(" and ", waiting.Select(c => c.Name))} would be installed at create and waited for, and their Pods cannot start before a CNI runs. Create the cluster without them, install your CNI, then declare them again and run 'ksail cluster update'");
    }

    private async Task<CreatedCluster> ReuseAsync(ClusterDefinition cluster, IReadOnlyList<ContainerSummary> existing, CreateOptions options, CancellationToken ct)
    {
        var found = existing.Select(n => DistributionRegistry.OwnerOf(n.Labels)?.Id).FirstOrDefault(d => d is not null) ?? cluster.Distribution;
        if (found != cluster.Distribution)
        {
            throw new ProvisioningException(
                $"a {found} cluster named '{cluster.Name}' exists, but ksail.yaml declares a {cluster.Distribution} cluster; delete it first, or recreate it ('--if-exists recreate')");
        }

        var started = existing.Any(n => n.State != "running");
        if (started)
        {
            progress?.Report(new ProgressEvent("start existing cluster", cluster.Name));
            await StartAsync(cluster.Name, ct).ConfigureAwait(false);
        }

        var created = await KubeconfigAsync(cluster.Name, ct).ConfigureAwait(false);
        await Kubeconfigs.MergeIntoAsync(cluster.KubeconfigPath, created.Kubeconfig, time: time, ct: ct).ConfigureAwait(false);
        progress?.Report(new ProgressEvent("reuse existing cluster", $"context {created.ContextName} written to {cluster.KubeconfigPath}"));
        if (started)
        {
            // Nodes just started serve the API a moment later: a reused cluster is handed over ready, as a created one is.
            using var context = new Create.CreateContext(cluster, provider, progress, state, time) { Created = created, Caller = ct };
            await Create.CreatePipeline.RunAsync(context, Create.CreatePipeline.WaitReady, ct).ConfigureAwait(false);
        }

        // The run's images, current on a reused cluster too (nodes that have them are skipped); the declared archive only at create.
        await Create.ImportImagesPhase.RunAsync(cluster, options, provider, progress, archive: false, ct).ConfigureAwait(false);

        return created;
    }

    /// <summary>
    /// Deletes the cluster's nodes, networks and volumes (found by KSail.NET's, kind's or k3d's
    /// label) and removes its context from <paramref name="kubeconfigPath"/>; the context goes while
    /// the nodes are removed, as kind removes it first.
    /// </summary>
    public Task<IReadOnlyList<string>> DeleteAsync(string name, string? kubeconfigPath = null, CancellationToken ct = default) =>
        DeleteAsync(name, kubeconfigPath, deleteStorage: false, ct);

    /// <summary>
    /// Deletes the cluster as <see cref="DeleteAsync(string, string?, CancellationToken)"/> does; with
    /// <paramref name="deleteStorage"/> (KSail's <c>--delete-storage</c>) also the volumes of its
    /// registries (the local registry's images, the mirrors' caches), where no other cluster's
    /// registry uses them. Without it they are kept, so a cluster created again finds its images.
    /// </summary>
    /// <returns>The containers removed, then <c>volume NAME</c> for each volume removed.</returns>
    public async Task<IReadOnlyList<string>> DeleteAsync(string name, string? kubeconfigPath, bool deleteStorage, CancellationToken ct = default)
    {
        var removingContext = kubeconfigPath is null
            ? Task.CompletedTask
            : Task.Run(() => Kubeconfigs.RemoveFromAsync(kubeconfigPath, [.. DistributionRegistry.All.Select(d => d.ContextName(name))], time, ct), ct);
        var volumes = deleteStorage ? await Registries.ClusterRegistries.VolumesOfAsync(provider, name, ct).ConfigureAwait(false) : [];
        var removed = await provider.RemoveAnyAsync(LabelsOf(name), ct).ConfigureAwait(false);
        await removingContext.ConfigureAwait(false);
        state.Delete(name);
        foreach (var distribution in DistributionRegistry.All)
        {
            distribution.Forget(name, removed);
        }

        var removedVolumes = new List<string>();
        if (provider is IContainerProvider docker)
        {
            foreach (var volume in volumes)
            {
                if (await docker.RemoveUnusedVolumeAsync(volume, ct).ConfigureAwait(false))
                {
                    removedVolumes.Add(volume);
                }
                else
                {
                    progress?.Report(new ProgressEvent("delete storage", $"volume {volume} is kept: another cluster's registry uses it"));
                }
            }
        }

        return [.. removed.Containers, .. removedVolumes.Select(v => $"volume {v}")];
    }

    /// <summary>
    /// The kubeconfig of a running cluster, read from its first control plane (kind's admin.conf or
    /// k3s's k3s.yaml) and pointed at the host-reachable API endpoint (the load balancer's, when the
    /// cluster has one), with kind's or k3d's context name.
    /// </summary>
    /// <exception cref="ProvisioningException">No such running cluster.</exception>
    public async Task<CreatedCluster> KubeconfigAsync(string name, CancellationToken ct = default)
    {
        var nodes = await NodesAsync(name, ct).ConfigureAwait(false);
        var (distribution, node) = DistributionRegistry.All
            .Select(d => (Distribution: d, Node: nodes.FirstOrDefault(n => n.Labels.GetValueOrDefault(d.RoleLabel) == d.ControlPlaneRole)))
            .FirstOrDefault(found => found.Node is not null);
        if (distribution is null || node is null)
        {
            throw new ProvisioningException($"no cluster named '{name}' with a control plane exists; see 'ksail cluster list'");
        }

        if (node.State != "running")
        {
            throw new ProvisioningException($"cluster '{name}' is stopped; start it with 'ksail cluster start'");
        }

        // The API is published by the load balancer when there is one (kind's external one, k3d's serverlb).
        var apiNode = nodes.FirstOrDefault(n => distribution.LoadBalancerRole is { } role && n.Labels.GetValueOrDefault(distribution.RoleLabel) == role) ?? node;
        var (address, port) = await provider.HostBindingAsync(apiNode.Id, 6443, ct: ct).ConfigureAwait(false)
            ?? throw new ProvisioningException($"the API port of {apiNode.Name} is not published");

        // Where create pointed it: k3d's kubeAPI.host (its label on the server), else the address the
        // API is published on (kind's apiServerAddress, k3d's hostIP); 127.0.0.1 for every address.
        var server = ApiEndpoint.For(distribution.ApiHost(node) ?? address, port);
        var context = distribution.ContextName(name);
        var text = System.Text.Encoding.UTF8.GetString(await provider.ReadFileAsync(node.Id, distribution.KubeconfigPath, ct).ConfigureAwait(false));
        return new CreatedCluster(name, context, server, Kubeconfigs.Rewrite(text, context, server));
    }

    /// <summary>Stops every node of the cluster (the cluster and its data are kept); returns their names.</summary>
    /// <exception cref="ProvisioningException">No cluster of that name exists.</exception>
    public async Task<IReadOnlyList<string>> StopAsync(string name, CancellationToken ct = default)
    {
        var nodes = await NodesAsync(name, ct).ConfigureAwait(false);
        if (nodes.Count == 0)
        {
            throw new ProvisioningException($"no cluster named '{name}' exists; see 'ksail cluster list'");
        }

        await Task.WhenAll(nodes.Where(n => n.State == "running").Select(n => provider.StopAsync(n.Id, TimeSpan.FromSeconds(10), ct))).ConfigureAwait(false);
        return nodes.Select(n => n.Name).ToList();
    }

    /// <summary>Starts every node of a stopped cluster; returns their names.</summary>
    /// <exception cref="ProvisioningException">No cluster of that name exists.</exception>
    public async Task<IReadOnlyList<string>> StartAsync(string name, CancellationToken ct = default)
    {
        var nodes = await NodesAsync(name, ct).ConfigureAwait(false);
        if (nodes.Count == 0)
        {
            throw new ProvisioningException($"no cluster named '{name}' exists; create it with 'ksail cluster create'");
        }

        // Control planes first, as kind's nodes expect their API server back before the kubelets retry;
        // k3d's load balancer last, as k3d starts it, once the nodes it forwards to resolve again.
        foreach (var node in nodes.Where(n => n.State != "running").OrderBy(StartOrder))
        {
            await provider.StartAsync(node.Id, ct).ConfigureAwait(false);
        }

        return nodes.Select(n => n.Name).ToList();
    }

    private static int StartOrder(ContainerSummary node) => DistributionRegistry.OwnerOf(node.Labels)?.StartOrder(node) ?? 1;

    private async Task<IReadOnlyList<ContainerSummary>> NodesAsync(string name, CancellationToken ct) =>
        await provider.ListAnyAsync(LabelsOf(name), ct).ConfigureAwait(false);

    // The labels that name a cluster's resources: KSail.NET's and each distribution's tool's (any one of them).
    internal static KeyValuePair<string, string>[] LabelsOf(string name) =>
        [new(ResourceLabels.Cluster, name), .. DistributionRegistry.All.Select(d => new KeyValuePair<string, string>(d.ClusterLabel, name))];

    /// <summary>Every cluster KSail.NET (or kind) created on this provider.</summary>
    public async Task<IReadOnlyList<ClusterSummary>> ListAsync(CancellationToken ct = default)
    {
        var all = await provider.ListAsync(new Dictionary<string, string>(), ct).ConfigureAwait(false);
        return all
            .Where(c => c.Labels.GetValueOrDefault(ResourceLabels.ManagedBy) == ResourceLabels.Tool || DistributionRegistry.OwnerOf(c.Labels) is not null)
            .GroupBy(c => c.Labels.GetValueOrDefault(ResourceLabels.Cluster) ?? c.Labels[DistributionRegistry.OwnerOf(c.Labels)!.ClusterLabel], StringComparer.Ordinal)
            .Select(g => new ClusterSummary(
                g.Key,
                g.First().Labels.GetValueOrDefault(ResourceLabels.Distribution) ?? DistributionRegistry.OwnerOf(g.First().Labels)!.Id.ToString(),
                g.OrderBy(c => c.Name, StringComparer.Ordinal).ToList()))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }
}
