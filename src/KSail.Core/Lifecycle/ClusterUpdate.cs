using k8s;
using KSail.Core.Components;
using KSail.Core.Configuration;
using KSail.Core.Kubeconfig;
using KSail.Core.Providers;
using KSail.Core.State;

namespace KSail.Core.Lifecycle;

/// <summary>What applying an update plan did.</summary>
/// <param name="Applied">The changes applied to the running cluster (or saved, for KSail.NET's own settings).</param>
/// <param name="Refused">The changes not applied: they need a new cluster, a restart, or what is not built yet.</param>
/// <param name="SpecSaved">The declared spec was saved as the cluster's spec (only when nothing was refused).</param>
public sealed record ClusterUpdateResult(IReadOnlyList<ClusterChange> Applied, IReadOnlyList<ClusterChange> Refused, bool SpecSaved);

/// <summary>
/// <c>cluster update</c>: plans the difference between a cluster's persisted spec and its declaration
/// (<see cref="ClusterUpdatePlan"/>) and applies the in-place part: components are installed and
/// uninstalled with the <see cref="ComponentInstaller"/>, and the new spec is saved once every change is applied.
/// </summary>
public sealed class ClusterUpdate
{

    /// <summary>The GitOps bootstrap phase update runs when it installs an engine: create's own.</summary>
    internal static Create.ICreatePhase BootstrapGitOps => Create.CreatePipeline.GitOpsBootstrap;

    /// <summary>The push of the workload update runs before that bootstrap: create's own.</summary>
    internal static Create.ICreatePhase PushWorkload => Create.CreatePipeline.PushWorkload;

    private readonly IProvider provider;
    private readonly IProgress<ProgressEvent>? progress;
    private readonly ClusterStateStore state;
    private readonly TimeProvider time;

    /// <summary>Creates the updater on a provider (see <see cref="ProviderFactory"/>).</summary>
    public ClusterUpdate(IProvider provider, IProgress<ProgressEvent>? progress = null, ClusterStateStore? state = null, TimeProvider? time = null)
    {
        this.provider = provider;
        this.progress = progress;
        this.state = state ?? new ClusterStateStore();
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>The plan for <paramref name="desired"/> against the spec persisted when it was created.</summary>
    /// <exception cref="ProvisioningException">No spec is persisted for the cluster (it was not created by KSail.NET on this machine).</exception>
    public ClusterUpdatePlan Plan(ClusterDefinition desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var persisted = state.Load(desired.Name)
            ?? throw new ProvisioningException($"no spec is saved for cluster '{desired.Name}' ({state.PathOf(desired.Name)}); 'cluster update' changes clusters created with 'ksail cluster create' on this machine");
        return ClusterUpdatePlan.Compute(persisted, desired);
    }

    /// <summary>
    /// Applies the changes of <paramref name="plan"/> that can be applied in place, in order; refuses
    /// the others. The declared spec becomes the cluster's spec only when every change was applied.
    /// </summary>
    /// <exception cref="ProvisioningException">The cluster is not running.</exception>
    /// <exception cref="ComponentException">A component could not be installed or uninstalled.</exception>
    public async Task<ClusterUpdateResult> ApplyAsync(ClusterUpdatePlan plan, ClusterDefinition desired, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(desired);
        var applied = new List<ClusterChange>();
        var refused = plan.Changes.Where(c => !c.CanApply).ToList();
        foreach (var change in refused)
        {
            progress?.Report(new ProgressEvent("refuse", $"{change.Field}: {change.Detail}"));
        }

        var scale = plan.Changes.Where(c => c.CanApply && c.Action == ChangeAction.ScaleWorkers).ToList();
        var work = plan.Changes.Where(c => c.CanApply && (c.Install.Count > 0 || c.Uninstall.Count > 0)).ToList();
        if (scale.Count + work.Count > 0)
        {
            var lifecycle = new ClusterLifecycle(provider, progress, state, time);
            var created = await lifecycle.KubeconfigAsync(desired.Name, ct).ConfigureAwait(false);
            using var client = Kubeconfigs.CreateClient(created.Kubeconfig);
            if (scale.Count > 0)
            {
                var (_, removed) = await Distributions.DistributionRegistry.For(desired.Distribution).Provisioner(provider, progress).ScaleWorkersAsync(desired, ct).ConfigureAwait(false);
                foreach (var node in removed)
                {
                    // As 'kubectl delete node' after 'k3d node delete' (kind has none): the node's pods are then rescheduled, and no NotReady node stays behind.
                    await DeleteNodeAsync(client, node, ct).ConfigureAwait(false);
                }

                await lifecycle.WaitReadyAsync(desired, ct).ConfigureAwait(false);
                applied.AddRange(scale);
            }

            var api = new KubeApi(client, time);
            var installer = new ComponentInstaller(api, new ManifestStore(Http.EngineHttp.Downloads, time: time), progress, time);
            foreach (var change in work)
            {
                foreach (var component in change.Uninstall)
                {
                    await installer.UninstallAsync(component, desired.Timeouts.Components, ct).ConfigureAwait(false);
                }

                foreach (var component in change.Install)
                {
                    await installer.InstallAsync(component, desired.Timeouts.Components, ct).ConfigureAwait(false);
                }

                if (change.Field == "spec.cluster.gitOpsEngine" && change.Install.Count > 0)
                {
                    // The same phases create runs: the workload pushed to a local registry, then the engine's sync objects.
                    using var context = Create.CreateContext.OnClient(desired, client, provider, progress, state, time);
                    await PushWorkload.ExecuteAsync(context, ct).ConfigureAwait(false);
                    await BootstrapGitOps.ExecuteAsync(context, ct).ConfigureAwait(false);
                }

                applied.Add(change);
            }
        }

        applied.AddRange(plan.Changes.Where(c => c.CanApply && c.Action != ChangeAction.ScaleWorkers && c.Install.Count == 0 && c.Uninstall.Count == 0));
        var saved = false;
        if (refused.Count == 0)
        {
            var persisted = state.Load(desired.Name);
            state.Save(desired, persisted?.CreatedAt ?? time.GetUtcNow());
            saved = true;
            progress?.Report(new ProgressEvent("save spec", state.PathOf(desired.Name)));
        }

        return new ClusterUpdateResult(applied, refused, saved);
    }

    private static async Task DeleteNodeAsync(k8s.Kubernetes client, string node, CancellationToken ct)
    {
        try
        {
            await client.CoreV1.DeleteNodeAsync(node, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }
    }
}
