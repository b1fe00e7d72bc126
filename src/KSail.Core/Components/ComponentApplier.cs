using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KSail.Core.Labels;

namespace KSail.Core.Components;

/// <summary>
/// Applies a component's manifests with server-side apply as KSail.NET's field manager: namespaces
/// first, then CRDs (waited for until Established), then the other cluster-wide objects, then the
/// namespaced ones. Every object gets KSail.NET's labels and the hash of what was applied, so a
/// re-run skips what already matches, and uninstall removes exactly what was applied. Objects that
/// exist without KSail.NET's label are never changed.
/// </summary>
public sealed class ComponentApplier
{
    /// <summary>The field manager of every apply.</summary>
    public const string FieldManager = "ksail.net";

    /// <summary>The label naming the component an object belongs to.</summary>
    public const string ComponentLabel = "io.ksail.component";

    /// <summary>The annotation with the component's version.</summary>
    public const string VersionAnnotation = "io.ksail.component-version";

    /// <summary>The annotation with the SHA-256 of the object as applied.</summary>
    public const string HashAnnotation = "io.ksail.applied-hash";

    private readonly KubeApi api;
    private readonly IProgress<ProgressEvent>? progress;
    private readonly TimeProvider time;

    /// <summary>Creates the applier.</summary>
    public ComponentApplier(KubeApi api, IProgress<ProgressEvent>? progress = null, TimeProvider? time = null)
    {
        this.api = api;
        this.progress = progress;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>The objects of a component as they are applied: labelled, annotated, in apply order.</summary>
    public static IReadOnlyList<JsonObject> Prepare(string component, string version, IEnumerable<JsonObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var prepared = new List<JsonObject>();
        foreach (var source in objects)
        {
            var item = (JsonObject)source.DeepClone();
            var labels = Manifests.Labels(item);
            labels[ResourceLabels.ManagedBy] = ResourceLabels.Tool;
            labels[ComponentLabel] = component;
            var annotations = Manifests.Annotations(item);
            annotations[VersionAnnotation] = version;
            annotations.Remove(HashAnnotation);
            annotations[HashAnnotation] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(item.ToJsonString())));
            prepared.Add(item);
        }

        return [.. prepared.OrderBy(Rank)];
    }

    /// <summary>Applies <paramref name="objects"/> (from <see cref="Prepare"/>) for <paramref name="component"/>.</summary>
    /// <exception cref="ComponentException">An object is refused, exists without KSail.NET's label, or a CRD is not established in time.</exception>
    public async Task<ApplyResult> ApplyAsync(string component, IReadOnlyList<JsonObject> objects, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(objects);

        // First every object that can exist already is read: one that KSail.NET did not create stops
        // the install before anything is applied (a namespace is used as it is, never changed).
        var found = new Dictionary<JsonObject, JsonObject?>(ReferenceEqualityComparer.Instance);
        var foreign = new List<string>();
        foreach (var item in objects)
        {
            if (await api.ResourceAsync(Manifests.ApiVersion(item), Manifests.Kind(item), ct).ConfigureAwait(false) is null)
            {
                continue; // its CRD is not there yet, so neither is it
            }

            var (path, _) = await LocateAsync(component, item, ct).ConfigureAwait(false);
            var existing = await api.GetAsync(path, ct).ConfigureAwait(false);
            found[item] = existing;
            if (existing is not null && !IsOurs(existing) && Manifests.Kind(item) != "Namespace")
            {
                foreign.Add(Manifests.Describe(item));
            }
        }

        if (foreign.Count > 0)
        {
            throw new ComponentException(
                $"{component}: {string.Join(", ", foreign)} exist(s) and were not created by KSail.NET, which never changes objects it did not create; nothing was applied. Delete them, or set the component to Default or Disabled in ksail.yaml");
        }

        int created = 0, updated = 0, unchanged = 0;
        var crds = new List<string>();
        foreach (var group in objects.GroupBy(Rank).OrderBy(g => g.Key))
        {
            if (group.Key >= 2 && crds.Count > 0)
            {
                await WaitEstablishedAsync(component, crds, timeout, ct).ConfigureAwait(false);
                crds.Clear();
            }

            foreach (var item in group)
            {
                var (path, _) = await LocateAsync(component, item, ct).ConfigureAwait(false);
                var existing = found.TryGetValue(item, out var read) ? read : await api.GetAsync(path, ct).ConfigureAwait(false);
                if (existing is not null && !IsOurs(existing))
                {
                    unchanged++; // someone's namespace: used as it is, never changed
                    continue;
                }

                if (existing is not null && existing["metadata"]?["annotations"]?[HashAnnotation]?.GetValue<string>() == item["metadata"]?["annotations"]?[HashAnnotation]?.GetValue<string>())
                {
                    unchanged++;
                }
                else
                {
                    try
                    {
                        await api.ApplyAsync(path, item, FieldManager, existing, ct).ConfigureAwait(false);
                    }
                    catch (KubeApiException ex)
                    {
                        throw new ComponentException($"{component}: applying {Manifests.Describe(item)} was refused: {ex.Message}", ex);
                    }
                    catch (HttpRequestException ex)
                    {
                        throw new ComponentException($"{component}: applying {Manifests.Describe(item)} failed: {ex.Message} {ex.InnerException?.Message}", ex);
                    }

                    if (existing is null)
                    {
                        created++;
                    }
                    else
                    {
                        updated++;
                    }
                }

                if (Manifests.Kind(item) == "CustomResourceDefinition")
                {
                    crds.Add(Manifests.Name(item));
                }
            }
        }

        if (crds.Count > 0)
        {
            await WaitEstablishedAsync(component, crds, timeout, ct).ConfigureAwait(false);
        }

        progress?.Report(new ProgressEvent("install " + component, string.Create(CultureInfo.InvariantCulture, $"{created} created, {updated} updated, {unchanged} unchanged"), ProgressLevel.Debug));
        return new ApplyResult(created, updated, unchanged);
    }

    /// <summary>
    /// Deletes what <paramref name="objects"/> name, where KSail.NET applied it for
    /// <paramref name="component"/>, in reverse apply order, and waits until it is gone.
    /// </summary>
    /// <returns>The objects deleted, as <see cref="Manifests.Describe"/> names them.</returns>
    public async Task<IReadOnlyList<string>> UninstallAsync(string component, IReadOnlyList<JsonObject> objects, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var deleted = new List<(string Path, string Name)>();
        foreach (var item in objects.Reverse())
        {
            var resource = await api.ResourceAsync(Manifests.ApiVersion(item), Manifests.Kind(item), ct).ConfigureAwait(false);
            if (resource is null)
            {
                continue; // its CRD is gone already
            }

            var path = resource.CollectionPath(Manifests.Namespace(item)) + "/" + Uri.EscapeDataString(Manifests.Name(item));
            var existing = await api.GetAsync(path, ct).ConfigureAwait(false);
            if (existing is null || !IsOurs(existing) || existing["metadata"]?["labels"]?[ComponentLabel]?.GetValue<string>() != component)
            {
                continue; // not there, or not ours to delete
            }

            if (await api.DeleteAsync(path, ct).ConfigureAwait(false))
            {
                deleted.Add((path, Manifests.Describe(item)));
            }
        }

        using var timer = new CancellationTokenSource(timeout, time); // the limit runs on the injected clock
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        foreach (var (path, name) in deleted)
        {
            while (await api.GetAsync(path, ct).ConfigureAwait(false) is not null)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200), time, limit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new ComponentException($"{component}: {name} was deleted but is still there after {timeout.TotalSeconds:0} s (a finalizer may hold it)");
                }
            }
        }

        return [.. deleted.Select(d => d.Name)];
    }

    /// <summary>Whether KSail.NET applied <paramref name="item"/>.</summary>
    public static bool IsOurs(JsonObject item) =>
        item?["metadata"]?["labels"]?[ResourceLabels.ManagedBy]?.GetValue<string>() == ResourceLabels.Tool;

    private async Task<(string Path, ApiResource Resource)> LocateAsync(string component, JsonObject item, CancellationToken ct)
    {
        var resource = await api.ResourceAsync(Manifests.ApiVersion(item), Manifests.Kind(item), ct).ConfigureAwait(false)
            ?? throw new ComponentException($"{component}: the cluster serves no {Manifests.Kind(item)} in {Manifests.ApiVersion(item)} ({Manifests.Describe(item)}); the component needs a newer Kubernetes or a CRD it does not bring");
        if (resource.Namespaced && Manifests.Namespace(item) is null)
        {
            Manifests.Child(item, "metadata")["namespace"] = "default";
        }
        else if (!resource.Namespaced && item["metadata"] is JsonObject metadata)
        {
            metadata.Remove("namespace");
        }

        return (resource.CollectionPath(Manifests.Namespace(item)) + "/" + Uri.EscapeDataString(Manifests.Name(item)), resource);
    }

    private async Task WaitEstablishedAsync(string component, List<string> names, TimeSpan timeout, CancellationToken ct)
    {
        progress?.Report(new ProgressEvent("install " + component, $"wait for {names.Count} CRD(s) to be established"));
        using var timer = new CancellationTokenSource(timeout, time); // the limit runs on the injected clock
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        foreach (var name in names)
        {
            while (true)
            {
                var crd = await api.GetAsync($"/apis/apiextensions.k8s.io/v1/customresourcedefinitions/{name}", ct).ConfigureAwait(false);
                var established = crd?["status"]?["conditions"]?.AsArray().OfType<JsonObject>()
                    .Any(c => c["type"]?.GetValue<string>() == "Established" && c["status"]?.GetValue<string>() == "True") ?? false;
                if (established)
                {
                    break;
                }

                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), time, limit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new ComponentException($"{component}: CRD {name} is not Established after {timeout.TotalSeconds:0} s");
                }
            }
        }
    }

    // Namespaces, then CRDs, then other cluster-wide objects, then namespaced objects (unknown scope
    // is decided by whether the manifest names a namespace).
    private static int Rank(JsonObject item) => Manifests.Kind(item) switch
    {
        "Namespace" => 0,
        "CustomResourceDefinition" => 1,
        _ when Manifests.Namespace(item) is null && ClusterWide.Contains(Manifests.Kind(item)) => 2,
        _ => 3,
    };

    /// <summary>Whether <paramref name="item"/> is of a kind that lives outside namespaces.</summary>
    internal static bool IsClusterWide(JsonObject item) => Manifests.Kind(item) is "Namespace" or "CustomResourceDefinition" || ClusterWide.Contains(Manifests.Kind(item));

    private static readonly HashSet<string> ClusterWide = new(StringComparer.Ordinal)
    {
        "ClusterRole", "ClusterRoleBinding", "StorageClass", "APIService", "PriorityClass", "ValidatingWebhookConfiguration",
        "MutatingWebhookConfiguration", "PersistentVolume", "IngressClass", "RuntimeClass", "CSIDriver",
    };
}
