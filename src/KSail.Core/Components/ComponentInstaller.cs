using System.Globalization;
using System.Text.Json.Nodes;
using KSail.Core.Configuration;
using KSail.Core.Labels;

namespace KSail.Core.Components;

/// <summary>
/// Installs components in KSail's two phases: <see cref="ComponentPhase.Infrastructure"/> after the
/// CNI (the components in parallel), <see cref="ComponentPhase.GitOps"/> after the stability check.
/// Each component's pinned files are fetched and verified (<see cref="ManifestStore"/>), applied
/// (<see cref="ComponentApplier"/>), and its Deployments and DaemonSets waited for.
/// </summary>
public sealed class ComponentInstaller
{
    private readonly KubeApi api;
    private readonly ManifestStore store;
    private readonly ComponentApplier applier;
    private readonly IProgress<ProgressEvent>? progress;
    private readonly TimeProvider time;

    /// <summary>Creates the installer.</summary>
    public ComponentInstaller(KubeApi api, ManifestStore store, IProgress<ProgressEvent>? progress = null, TimeProvider? time = null)
    {
        this.api = api;
        this.store = store;
        this.progress = progress;
        this.time = time ?? TimeProvider.System;
        applier = new ComponentApplier(api, progress, this.time);
    }

    /// <summary>The objects of <paramref name="component"/> as they are applied (fetched, verified, made fit, labelled).</summary>
    /// <exception cref="ComponentException">A file cannot be fetched, is not the pinned one, or is not a manifest.</exception>
    public async Task<IReadOnlyList<JsonObject>> ObjectsAsync(ComponentDefinition component, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(component);
        var texts = await Task.WhenAll(component.Files.Select(f => store.GetAsync(component.Name, f, ct))).ConfigureAwait(false);
        var objects = new List<JsonObject>();
        for (var i = 0; i < texts.Length; i++)
        {
            try
            {
                objects.AddRange(Manifests.Read(texts[i], component.Files[i].Url.AbsoluteUri));
            }
            catch (FormatException ex)
            {
                throw new ComponentException($"{component.Name}: {ex.Message}", ex);
            }
        }

        IReadOnlyList<JsonObject> fitted = component.Transform is { } transform ? transform(objects) : objects;
        if (component.Namespace is { } ns)
        {
            foreach (var item in fitted.Where(o => Manifests.Namespace(o) is null && !ComponentApplier.IsClusterWide(o)))
            {
                Manifests.Child(item, "metadata")["namespace"] = ns;
            }

            foreach (var binding in fitted.Where(o => Manifests.Kind(o) is "ClusterRoleBinding" or "RoleBinding"))
            {
                foreach (var subject in binding["subjects"]?.AsArray().OfType<JsonObject>() ?? [])
                {
                    if (subject["kind"]?.GetValue<string>() == "ServiceAccount" && subject["namespace"] is null)
                    {
                        subject["namespace"] = ns;
                    }
                }
            }

            if (!fitted.Any(o => Manifests.Kind(o) == "Namespace" && Manifests.Name(o) == ns))
            {
                fitted = [new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } }, .. fitted];
            }
        }

        return ComponentApplier.Prepare(component.Name, component.Version, fitted);
    }

    /// <summary>
    /// Installs the components of <paramref name="phase"/> that <paramref name="cluster"/> asks for,
    /// in parallel, and waits until their Deployments and DaemonSets are available.
    /// </summary>
    public async Task InstallPhaseAsync(ClusterDefinition cluster, ComponentPhase phase, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var components = ComponentCatalog.For(cluster).Where(c => c.Phase == phase).ToList();
        if (components.Count == 0)
        {
            return;
        }

        var step = phase == ComponentPhase.Infrastructure ? "install components" : "install GitOps engine";
        progress?.Report(new ProgressEvent(step, string.Join(", ", components.Select(c => $"{c.Name} {c.Version}"))));
        await Task.WhenAll(components.Select(c => InstallAsync(c, cluster.Timeouts.Components, ct))).ConfigureAwait(false);
    }

    /// <summary>Installs one component and waits until its Deployments and DaemonSets are available.</summary>
    public async Task<ApplyResult> InstallAsync(ComponentDefinition component, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(component);
        var objects = await ObjectsAsync(component, ct).ConfigureAwait(false);
        var result = await applier.ApplyAsync(component.Name, objects, timeout, ct).ConfigureAwait(false);
        progress?.Report(new ProgressEvent("install " + component.Name, string.Create(CultureInfo.InvariantCulture, $"{component.Version}: {result.Created} created, {result.Updated} updated, {result.Unchanged} unchanged")));
        await WaitAvailableAsync(component, objects, timeout, ct).ConfigureAwait(false);
        return result;
    }

    /// <summary>Removes what KSail.NET applied for <paramref name="component"/>.</summary>
    public async Task<IReadOnlyList<string>> UninstallAsync(ComponentDefinition component, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(component);
        var objects = await ObjectsAsync(component, ct).ConfigureAwait(false);
        var deleted = await applier.UninstallAsync(component.Name, objects, timeout, ct).ConfigureAwait(false);
        progress?.Report(new ProgressEvent("uninstall " + component.Name, string.Create(CultureInfo.InvariantCulture, $"{deleted.Count} object(s) deleted")));
        return deleted;
    }

    /// <summary>
    /// The components installed in the cluster: KSail.NET's (its Deployments, DaemonSets and CRDs
    /// carrying its labels) and Helm releases (their release Secrets), which KSail.NET reports but never changes.
    /// </summary>
    public async Task<IReadOnlyList<InstalledComponent>> DetectAsync(CancellationToken ct = default)
    {
        var selector = $"{ResourceLabels.ManagedBy}={ResourceLabels.Tool},{ComponentApplier.ComponentLabel}";
        var found = new Dictionary<string, InstalledComponent>(StringComparer.Ordinal);
        foreach (var path in new[] { "/apis/apps/v1/deployments", "/apis/apps/v1/daemonsets", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions" })
        {
            foreach (var item in await api.ListAsync(path, selector, ct).ConfigureAwait(false))
            {
                var name = item["metadata"]?["labels"]?[ComponentApplier.ComponentLabel]?.GetValue<string>();
                if (name is not null && !found.ContainsKey(name))
                {
                    found[name] = new InstalledComponent(name, item["metadata"]?["annotations"]?[ComponentApplier.VersionAnnotation]?.GetValue<string>(), "KSail.NET", Manifests.Namespace(item));
                }
            }
        }

        foreach (var secret in await api.ListAsync("/api/v1/secrets", "owner=helm", ct).ConfigureAwait(false))
        {
            var labels = secret["metadata"]?["labels"];
            if (labels?["status"]?.GetValue<string>() == "deployed" && labels["name"]?.GetValue<string>() is { } release && !found.ContainsKey(release))
            {
                found[release] = new InstalledComponent(release, labels["version"]?.GetValue<string>() is { } revision ? "revision " + revision : null, "Helm", Manifests.Namespace(secret));
            }
        }

        return [.. found.Values.OrderBy(c => c.Name, StringComparer.Ordinal)];
    }

    private async Task WaitAvailableAsync(ComponentDefinition component, IReadOnlyList<JsonObject> objects, TimeSpan timeout, CancellationToken ct)
    {
        var workloads = objects.Where(o => Manifests.Kind(o) is "Deployment" or "DaemonSet" or "StatefulSet").ToList();
        if (workloads.Count == 0)
        {
            return;
        }

        progress?.Report(new ProgressEvent("install " + component.Name, $"wait for {string.Join(", ", workloads.Select(Manifests.Describe))}"));
        using var timer = new CancellationTokenSource(timeout, time); // the limit runs on the injected clock
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        foreach (var workload in workloads)
        {
            var resource = await api.ResourceAsync(Manifests.ApiVersion(workload), Manifests.Kind(workload), ct).ConfigureAwait(false);
            var path = resource!.CollectionPath(Manifests.Namespace(workload)) + "/" + Manifests.Name(workload);
            string? why = null;
            while (true)
            {
                var current = await api.GetAsync(path, ct).ConfigureAwait(false);
                why = current is null ? "it is gone" : NotAvailable(current);
                if (why is null)
                {
                    break;
                }

                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), time, limit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new Readiness.ReadinessTimeoutException(
                        "install " + component.Name,
                        timeout,
                        $"{component.Name}: {Manifests.Describe(workload)} is not available after {timeout.TotalSeconds:0} s: {why}");
                }
            }
        }
    }

    // Why a workload is not available yet, or null when it is.
    private static string? NotAvailable(JsonObject item)
    {
        var generation = item["metadata"]?["generation"]?.GetValue<long>() ?? 0;
        var status = item["status"];
        if ((status?["observedGeneration"]?.GetValue<long>() ?? 0) < generation)
        {
            return "its controller has not seen the current generation";
        }

        if (Manifests.Kind(item) == "DaemonSet")
        {
            var desired = status?["desiredNumberScheduled"]?.GetValue<long>() ?? 0;
            var ready = status?["numberReady"]?.GetValue<long>() ?? 0;
            return ready >= desired ? null : string.Create(CultureInfo.InvariantCulture, $"{ready} of {desired} Pods ready");
        }

        var replicas = item["spec"]?["replicas"]?.GetValue<long>() ?? 1;
        var available = Manifests.Kind(item) == "StatefulSet" ? status?["readyReplicas"]?.GetValue<long>() ?? 0 : status?["availableReplicas"]?.GetValue<long>() ?? 0;
        return available >= replicas ? null : string.Create(CultureInfo.InvariantCulture, $"{available} of {replicas} available");
    }
}
