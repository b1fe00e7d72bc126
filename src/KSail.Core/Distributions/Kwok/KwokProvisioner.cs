using System.Text;
using k8s;
using KSail.Core.Configuration;
using KSail.Core.Kubeconfig;
using KSail.Core.Labels;
using KSail.Core.Lifecycle;
using KSail.Core.Providers;
using KSail.Core.Providers.Docker;

namespace KSail.Core.Distributions.Kwok;

/// <summary>
/// Creates a KWOK cluster as <c>kwokctl create cluster --runtime docker</c> does, without kwokctl:
/// the work folder (<c>~/.kwok/clusters/&lt;name&gt;</c>: pki/, kubeconfig.yaml for the host, kubeconfig for
/// the containers, kwok.yaml), the <c>kwok-&lt;name&gt;</c> network and the five containers
/// (<see cref="KwokComponents"/>); then, once the API answers, the fake nodes ksail.yaml's workers ask for
/// (default 1, as KSail scales to one after create), as <c>kwokctl scale node</c>.
/// </summary>
internal sealed class KwokProvisioner(IContainerProvider docker, IProgress<ProgressEvent>? progress) : IProvisioner
{
    /// <inheritdoc/>
    public async Task<CreatedCluster> CreateAsync(ClusterDefinition cluster, CreateOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var create = options ?? new CreateOptions();
        var api = cluster.Ports[0];
        var port = api.HostPort > 0 ? api.HostPort : HostPorts.Free(api.ListenAddress);
        return await ProvisioningSteps.WithinProvisionLimitAsync(cluster, create, token => CreateWithinAsync(cluster, create, port, token), ct).ConfigureAwait(false);
    }

    private async Task<CreatedCluster> CreateWithinAsync(ClusterDefinition cluster, CreateOptions options, int port, CancellationToken ct)
    {
        var steps = new ProvisioningSteps(docker, progress);
        var config = cluster.Native<KwokctlConfiguration>();
        var folder = KwokNames.WorkFolder(cluster.Name);
        try
        {
            steps.Begin("check images");
            await steps.CheckImagesAsync(KwokImages.Of(config).Values.Distinct(StringComparer.Ordinal), ct).ConfigureAwait(false);

            steps.Begin("write work folder", folder);
            var specs = KwokComponents.Specs(cluster.Name, config, folder, port, options.ExtraLabels);
            var files = KwokWorkFolder.Write(folder, cluster.Name, config, port, specs, TimeProvider.System.GetUtcNow());

            steps.Begin("create network", cluster.Network);
            await CreateNetworkAsync(cluster, options, ct).ConfigureAwait(false);

            foreach (var spec in specs)
            {
                steps.Begin("create components", spec.Name, spec.Name);
                await docker.RunAsync(spec, ct).ConfigureAwait(false);
            }

            steps.Node = KwokNames.Container(cluster.Name, KwokNames.KubeApiserver);
            steps.Begin("wait for the API server", steps.Node, steps.Node);
            using var client = Kubeconfigs.CreateClient(files.HostKubeconfig);
            await WaitForApiAsync(client, ct).ConfigureAwait(false);

            var nodes = cluster.Declared.Spec?.Cluster?.Workers ?? KwokUpdateRules.DefaultNodes;
            steps.Begin("create fake nodes", $"{nodes} node{(nodes == 1 ? string.Empty : "s")}");
            await CreateMissingNodesAsync(client, nodes, new HashSet<string>(StringComparer.Ordinal), ct).ConfigureAwait(false);

            var server = new Uri($"https://127.0.0.1:{port}");
            return new CreatedCluster(cluster.Name, KwokNames.Project(cluster.Name), server, Kubeconfigs.Rewrite(files.HostKubeconfig, KwokNames.Project(cluster.Name), server));
        }
        catch (Exception ex) when (ex is not ProvisioningException)
        {
            throw await steps.FailAsync(ex, options.KeepOnFailure, () => RemoveAsync(cluster.Name, keepFolder: options.KeepOnFailure), ct).ConfigureAwait(false);
        }
    }

    // The API answers once a request (a one-item namespace list) does; the stability check then asks /readyz three times in a row.
    private static async Task WaitForApiAsync(k8s.Kubernetes client, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await client.CoreV1.ListNamespaceAsync(limit: 1, cancellationToken: ct).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or k8s.Autorest.HttpOperationException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), ct).ConfigureAwait(false);
            }
        }
    }

    private async Task RemoveAsync(string name, bool keepFolder)
    {
        await docker.RemoveAnyAsync([new(KwokNames.ClusterLabel, name), new(ResourceLabels.Cluster, name)], CancellationToken.None).ConfigureAwait(false);
        if (!keepFolder)
        {
            KwokWorkFolder.Delete(KwokNames.WorkFolder(name));
        }
    }

    /// <inheritdoc/>
    public async Task<string> CreateNetworkAsync(ClusterDefinition cluster, CreateOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var labels = KwokComponents.Labels(cluster.Name, "network", options?.ExtraLabels);
        await docker.EnsureNetworkAsync(cluster.Network, labels, ct).ConfigureAwait(false);
        return cluster.Network;
    }

    /// <summary>
    /// Brings the fake nodes to the count ksail.yaml declares, as <c>kwokctl scale node --replicas</c>:
    /// missing ones are created, the highest-numbered ones beyond the count are returned as removed
    /// (the caller deletes their Node objects).
    /// </summary>
    public async Task<(IReadOnlyList<string> Added, IReadOnlyList<string> Removed)> ScaleWorkersAsync(ClusterDefinition cluster, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var apiserver = KwokNames.Container(cluster.Name, KwokNames.KubeApiserver);
        var (address, port) = await docker.HostBindingAsync(apiserver, KwokNames.ApiPort, ct: ct).ConfigureAwait(false)
            ?? throw new ProvisioningException($"the API port of {apiserver} is not published; start the cluster with 'ksail cluster start'");
        var text = Encoding.UTF8.GetString(await docker.ReadFileAsync(apiserver, KwokComponents.KubeconfigInContainer, ct).ConfigureAwait(false));
        using var client = Kubeconfigs.CreateClient(Kubeconfigs.Rewrite(text, KwokNames.Project(cluster.Name), ApiEndpoint.For(address, port)));
        var existing = (await client.CoreV1.ListNodeAsync(cancellationToken: ct).ConfigureAwait(false)).Items
            .Where(n => n.Metadata.Annotations is { } notes && notes.TryGetValue(KwokFakeNodes.FakeAnnotation, out var fake) && fake == "fake")
            .Select(n => n.Metadata.Name)
            .ToHashSet(StringComparer.Ordinal);
        var wanted = cluster.Declared.Spec?.Cluster?.Workers ?? KwokUpdateRules.DefaultNodes;
        var added = await CreateMissingNodesAsync(client, wanted, existing, ct).ConfigureAwait(false);
        var removed = existing.Where(n => KwokFakeNodes.IndexOf(n) is not { } index || index >= wanted).Order(StringComparer.Ordinal).ToList();
        progress?.Report(new ProgressEvent("scale fake nodes", $"{added.Count} created, {removed.Count} to delete"));
        return (added, removed);
    }

    // The fake nodes node-0 .. node-(wanted-1) that are not in existing, created as kwokctl's node template makes them; returns their names.
    private static async Task<IReadOnlyList<string>> CreateMissingNodesAsync(k8s.Kubernetes client, int wanted, HashSet<string> existing, CancellationToken ct)
    {
        var added = new List<string>();
        for (var i = 0; i < wanted; i++)
        {
            if (!existing.Contains(KwokFakeNodes.Name(i)))
            {
                await client.CoreV1.CreateNodeAsync(KwokFakeNodes.Node(i), cancellationToken: ct).ConfigureAwait(false);
                added.Add(KwokFakeNodes.Name(i));
            }
        }

        return added;
    }
}
