using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KSail.Core.Configuration;
using KSail.Core.Distributions.K3s.Actions;
using KSail.Core.Providers;
using KSail.Core.Providers.Docker;
using KSail.Core.Labels;
using KSail.Core.Lifecycle;

namespace KSail.Core.Distributions.K3s;

/// <summary>
/// Creates a K3s cluster as k3d creates it, without k3d's binary: the <c>k3d-&lt;name&gt;</c> network,
/// server and agent containers named and labelled as k3d names and labels them, <c>server</c> and
/// <c>agent</c> arguments with K3S_TOKEN and K3S_URL (servers with K3s's own storage, metrics-server and
/// ServiceLB off where spec.cluster does without them), k3d's server load balancer (unless disabled)
/// publishing the API and the proxied ports, the log lines k3d waits for, and the kubeconfig k3s
/// writes, rewritten to the host endpoint. Servers and agents start through k3d's entry point with the
/// fixes k3d applies on the host (<see cref="K3dFixes"/>), and carry k3d.yaml's node labels, files,
/// host aliases and runtime options.
/// </summary>
public sealed class K3sProvisioner : IProvisioner
{
    /// <summary>k3d's label naming a node's cluster.</summary>
    public const string ClusterLabel = "k3d.cluster";

    /// <summary>k3d's label naming a node's role (server, agent, loadbalancer).</summary>
    public const string RoleLabel = "k3d.role";

    /// <summary>k3d's label on a server naming the API host the kubeconfig points at (kubeAPI.host).</summary>
    public const string ApiHostLabel = "k3d.server.api.host";

    /// <summary>k3d's label on a server naming the API's host port (picked at create when kubeAPI.hostPort names none; k3d's kubeconfig reads it back).</summary>
    public const string ApiPortLabel = "k3d.server.api.port";

    /// <summary>k3d's label naming the k3d version that created a node: the version whose layout KSail.NET follows.</summary>
    public const string VersionLabel = "k3d.version";

    /// <summary>The k3d version KSail.NET creates clusters as.</summary>
    public const string K3dVersion = "v5.9.0";

    internal const string ServerReady = "k3s is up and running";
    internal const string AgentReady = "Successfully registered node";
    internal const string K3sKubeconfig = "/etc/rancher/k3s/k3s.yaml";

    private readonly IContainerProvider docker;
    private readonly IProgress<ProgressEvent>? progress;
    private readonly IReadOnlyDictionary<string, string?> environment;

    /// <summary>
    /// Creates a provisioner that runs nodes on <paramref name="docker"/>; k3d's fix switches
    /// (<see cref="K3dFixes"/>) are read from <paramref name="environment"/>, the process's environment by default, as k3d reads them.
    /// </summary>
    public K3sProvisioner(IContainerProvider docker, IProgress<ProgressEvent>? progress = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        this.docker = docker;
        this.progress = progress;
        this.environment = environment ?? ClusterLoadOptions.ReadProcessEnvironment();
    }

    /// <summary>Creates the cluster; on failure removes what was created (unless asked to keep it) and throws naming the step.</summary>
    /// <exception cref="ProvisioningException">A step failed (exit code 5).</exception>
    public async Task<CreatedCluster> CreateAsync(ClusterDefinition cluster, CreateOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var create = options ?? new CreateOptions();
        var picked = WithApiPortPicked(cluster);
        return await ProvisioningSteps.WithinProvisionLimitAsync(picked, create, token => CreateWithinAsync(picked, create, token), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// k3d picks the API's host port before it creates a node when kubeAPI.hostPort names none
    /// (k3d <c>cmd/cluster/clusterCreate.go</c> <c>GetFreePort</c>) and labels the servers with it
    /// (<see cref="ApiPortLabel"/>); the load balancer (or server-0) publishes that fixed port, so a
    /// restart keeps it (FIDELITY S1). Should it be taken by the time the load balancer starts, the
    /// provider picks another and the label is stale; ksail reads the published port, not the label.
    /// </summary>
    internal static ClusterDefinition WithApiPortPicked(ClusterDefinition cluster) =>
        cluster.Ports is [{ HostPort: 0 } api, ..]
            ? cluster.WithPorts([api with { HostPort = HostPorts.Free(api.ListenAddress), Chosen = true }, .. cluster.Ports.Skip(1)])
            : cluster;

    /// <summary>k3d's create, in k3d's order: servers one after the other, then the agents, the load balancer last.</summary>
    internal static readonly IReadOnlyList<IProvisioningAction<K3dContext>> Create =
    [
        new CheckImagesAction(),
        new CreateNetworkAction(),
        new CreateRegistriesAction(),
        new CreateServersAction(),
        new CreateAgentsAction(),
        new ApplyLocalRegistryHostingAction(),
        new CreateLoadBalancerAction(),
        new ExportKubeconfigAction(),
    ];

    /// <summary>Adding agents to a running cluster, as <c>k3d node create</c>: create's own actions for agents.</summary>
    internal static readonly IReadOnlyList<IProvisioningAction<K3dContext>> AddAgents =
    [
        new CheckImagesAction(),
        new CreateAgentsAction(),
    ];

    private async Task<CreatedCluster> CreateWithinAsync(ClusterDefinition cluster, CreateOptions options, CancellationToken ct)
    {
        var k3d = cluster.Native<K3dSimpleConfig>();
        var steps = new ProvisioningSteps(docker, progress);

        // k3d's own token when the config names none: random, kept out of every log.
        var token = k3d.Token ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var context = new K3dContext(cluster, cluster.Nodes, options, docker, steps, token, await NodeHostAsync(ct).ConfigureAwait(false));
        await steps.RunAsync(context, Create, options.KeepOnFailure, () => DeleteAsync(cluster.Name, CancellationToken.None), ct).ConfigureAwait(false);
        return context.Created!;
    }

    /// <summary>
    /// Brings a running cluster's agents to the number <paramref name="cluster"/> declares, as
    /// <c>k3d node create</c>/<c>k3d node delete</c> do: missing agents are created and joined with the
    /// cluster's token (read from server-0's container config, never logged), agents no longer declared
    /// are removed with their volumes, and k3d's load balancer gets the new node list. An agent that
    /// fails to join is removed again. Returns the agents added and removed.
    /// </summary>
    /// <exception cref="ProvisioningException">The cluster does not run, or an agent did not join.</exception>
    public async Task<(IReadOnlyList<string> Added, IReadOnlyList<string> Removed)> ScaleWorkersAsync(ClusterDefinition cluster, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var running = await docker.ListAsync(new Dictionary<string, string> { [ClusterLabel] = cluster.Name, [RoleLabel] = "agent" }, ct).ConfigureAwait(false);
        var declared = cluster.Nodes.Where(n => n.Role == NodeRole.Worker).ToList();
        var added = declared.Where(a => running.All(r => r.Name != a.Name)).ToList();
        var removed = running.Where(r => declared.All(a => a.Name != r.Name)).Select(r => r.Name).ToList();
        var steps = new ProvisioningSteps(docker, progress);
        var options = new CreateOptions();
        if (added.Count > 0)
        {
            var server0 = cluster.Nodes.First(n => n.Role == NodeRole.ControlPlane).Name;
            var token = await docker.EnvironmentVariableAsync(server0, "K3S_TOKEN", ct).ConfigureAwait(false)
                ?? throw new ProvisioningException($"{server0} has no K3S_TOKEN in its config, so no agent can join; recreate the cluster to change its agents");
            var context = new K3dContext(cluster, added, options, docker, steps, token, await NodeHostAsync(ct).ConfigureAwait(false))
            {
                // As 'k3d node create': the registries.yaml of an existing node (pkg/client/node.go:163-180).
                Registries = await RegistriesOfAsync(server0, ct).ConfigureAwait(false),
            };
            await steps.RunAsync(context, AddAgents, keep: false, () => steps.RemoveContainersAsync(added.Select(a => a.Name)), ct).ConfigureAwait(false);
        }

        if (removed.Count > 0)
        {
            steps.Begin("remove agents", string.Join(", ", removed));
            await steps.RemoveContainersAsync(removed).ConfigureAwait(false);
        }

        if ((added.Count > 0 || removed.Count > 0) && cluster.Nodes.FirstOrDefault(n => n.Role == NodeRole.LoadBalancer) is { } loadBalancer)
        {
            // The proxy's confd picks the new file up and reloads nginx, as after 'k3d node create'.
            steps.Begin("update load balancer", loadBalancer.Name, loadBalancer.Name);
            var values = K3dLoadBalancer.Values(cluster, loadBalancer.Name, K3dLoadBalancerSettings.From(cluster.Native<K3dSimpleConfig>().Options?.K3d?.Loadbalancer?.ConfigOverrides));
            await docker.WriteFileAsync(loadBalancer.Name, K3dLoadBalancer.ConfigPath, Encoding.UTF8.GetBytes(values), mode: 484, ct).ConfigureAwait(false);
        }

        return (added.Select(a => a.Name).ToList(), removed);
    }

    private async Task<string?> RegistriesOfAsync(string node, CancellationToken ct)
    {
        try
        {
            return Encoding.UTF8.GetString(await docker.ReadFileAsync(node, K3sRegistries.Path, ct).ConfigureAwait(false));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    // k3d's fixes for this host and environment, decided once per run as k3d decides them (FIDELITY D4-D6).
    private async Task<K3dNodeHost> NodeHostAsync(CancellationToken ct)
    {
        var host = await docker.HostAsync(ct).ConfigureAwait(false);
        return new K3dNodeHost(K3dFixes.For(host, environment), host.DockerDesktop);
    }

    /// <summary>
    /// Deletes every node, the network and the volumes of the cluster (found by k3d's label), and the
    /// containers KSail.NET runs beside the nodes on that network (its registries, by KSail.NET's
    /// label: the network cannot go while they are attached); returns the container names.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeleteAsync(string name, CancellationToken ct = default)
    {
        var removed = await docker.RemoveAnyAsync([new(ClusterLabel, name), new(ResourceLabels.Cluster, name)], ct).ConfigureAwait(false);
        return removed.Containers;
    }

    /// <inheritdoc/>
    public async Task<string> CreateNetworkAsync(ClusterDefinition cluster, CreateOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        await CreateNetworkAction.EnsureAsync(docker, cluster, options ?? new CreateOptions(), ct).ConfigureAwait(false);
        return cluster.Network;
    }

    // k3d's API host: kubeAPI.host, else kubeAPI.hostIP (0.0.0.0 by default); the kubeconfig names it
    // and the servers' certificates carry it (--tls-san).
    internal static string ApiHost(ClusterDefinition cluster) =>
        cluster.Native<K3dSimpleConfig>().KubeApi?.Host is { Length: > 0 } host ? host : cluster.Ports[0].ListenAddress;

    internal static Dictionary<string, string> Labels(ClusterDefinition cluster, string role, CreateOptions options)
    {
        var labels = ResourceLabels.For(cluster.Name, role, options.ExtraLabels);
        labels["app"] = "k3d";
        labels[ClusterLabel] = cluster.Name;
        labels[ResourceLabels.Distribution] = "K3s";
        return labels;
    }

    // K3s's own components that spec.cluster settings replace or remove, and the name k3s's --disable gives each.
    private static readonly (Func<ComponentSettings, Configuration.Model.Toggle> Setting, string Name)[] BuiltIns =
        [(s => s.Csi, "local-storage"), (s => s.MetricsServer, "metrics-server"), (s => s.LoadBalancer, "servicelb")];

    /// <summary>
    /// The <c>--disable</c> arguments a server gets for K3s's own local-path storage, metrics-server and
    /// ServiceLB: when <c>spec.cluster.csi</c>, <c>metricsServer</c> or <c>loadBalancer</c> is Disabled
    /// (none, as KSail adds them), and also when it is Enabled (KSail.NET installs its own pinned one,
    /// which must not run beside K3s's). A component the
    /// server's declared arguments disable already (<c>--disable=a,b</c> or <c>--no-deploy</c>) is not repeated.
    /// </summary>
    internal static IEnumerable<string> DisabledBuiltIns(ComponentSettings settings, IEnumerable<string> declaredArgs)
    {
        var disabled = declaredArgs
            .Where(a => a.StartsWith("--disable=", StringComparison.Ordinal) || a.StartsWith("--no-deploy=", StringComparison.Ordinal))
            .SelectMany(a => a[(a.IndexOf('=', StringComparison.Ordinal) + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (setting, name) in BuiltIns)
        {
            if (setting(settings) is not Configuration.Model.Toggle.Default && !disabled.Contains(name))
            {
                yield return $"--disable={name}";
            }
        }
    }

    internal static IEnumerable<string> ArgsFor(ClusterDefinition cluster, NodeDefinition node) =>
        (cluster.Native<K3dSimpleConfig>().Options?.K3s?.ExtraArgs ?? [])
            .Where(a => a.Arg is not null && K3dNodeFilters.Select(a.NodeFilters is { Count: > 0 } f ? f : ["server:*"], cluster.Name, cluster.Nodes).Contains(node.Name))
            .Select(a => a.Arg!);

    // k3d's labels of every node: the role, and the cluster's URL, network and load balancer (empty without one).
    // k3d's k3d.cluster.token label is left out: it holds the cluster's join token, a secret that Docker
    // shows to anyone who can inspect the container (the token stays in K3S_TOKEN, as k3s needs it).
    // k3d.cluster.imageVolume and k3d.cluster.network.id/.external/.iprange are left out too: KSail.NET
    // creates no image volume (FIDELITY D11) and does not read the network back.
    private static Dictionary<string, string> NodeLabels(ClusterDefinition cluster, string role, CreateOptions options)
    {
        var labels = Labels(cluster, role, options);
        labels[RoleLabel] = role;
        labels["k3d.cluster.url"] = $"https://k3d-{cluster.Name}-server-0:6443";
        labels["k3d.cluster.network"] = cluster.Network;
        labels["k3d.server.loadbalancer"] = cluster.Nodes.FirstOrDefault(n => n.Role == NodeRole.LoadBalancer)?.Name ?? string.Empty;
        labels[VersionLabel] = K3dVersion;
        if (role == "server")
        {
            // As k3d labels its servers: where the kubeconfig points ('cluster kubeconfig' reads it back),
            // and the API's host port when it is chosen before the node exists (k3d's kubeconfig reads it).
            labels[ApiHostLabel] = ApiHost(cluster);
            labels["k3d.server.api.hostIP"] = cluster.Ports[0].ListenAddress;
            labels[ApiPortLabel] = cluster.Ports[0].HostPort.ToString(CultureInfo.InvariantCulture);
        }

        return labels;
    }

    private static List<PortPublication> PortsOf(ClusterDefinition cluster, string node) =>
        cluster.Ports
            .Where(p => p.Node == node)
            .Select(p => new PortPublication(p.ListenAddress, p.HostPort, p.ContainerPort, p.Protocol.ToLowerInvariant()) { Chosen = p.Chosen })
            .ToList();

    // k3d's proxy, set up as a node is (labels, tmpfs mounts, Docker's init, restart policy, the
    // volumes, env, files and ulimits its filters select), but running no K3s: the image's own entry
    // point and command, no privileges, no fixes.
    internal static ContainerSpec LoadBalancerSpec(ClusterDefinition cluster, NodeDefinition loadBalancer, CreateOptions options)
    {
        var settings = K3dLoadBalancerSettings.From(cluster.Native<K3dSimpleConfig>().Options?.K3d?.Loadbalancer?.ConfigOverrides);
        var values = K3dLoadBalancer.Values(cluster, loadBalancer.Name, settings);
        var spec = NodeSpec(cluster, loadBalancer, "loadbalancer", [], [], options);
        return spec with
        {
            Command = null,
            Privileged = false,
            PrivateCgroupNamespace = false,
            Files = [.. spec.Files, new ContainerFile(K3dLoadBalancer.ConfigPath, Encoding.UTF8.GetBytes(values), Mode: 484)], // 0744, as k3d writes it
        };
    }

    /// <summary>
    /// A node's container as k3d creates it (<c>pkg/client/node.go</c> <c>NodeCreate</c>,
    /// <c>pkg/runtimes/docker/translate.go</c>): for servers and agents with <paramref name="host"/>'s
    /// fixes on, k3d's entry point and fix scripts (FIDELITY D4-D6); the <c>--node-label</c> of
    /// options.k3s.nodeLabels (D16); the files of <c>files</c> (D15); <c>hostAliases</c> in /etc/hosts
    /// (D13); options.runtime's labels, ulimits and hostPidMode (D17); each as its node filters select.
    /// </summary>
    internal static ContainerSpec NodeSpec(ClusterDefinition cluster, NodeDefinition node, string role, IReadOnlyList<string> args, IReadOnlyList<string> env, CreateOptions options, K3dNodeHost? host = null, string? registries = null)
    {
        var k3d = cluster.Native<K3dSimpleConfig>();
        var labels = NodeLabels(cluster, role, options);
        var runsK3s = role is "server" or "agent";
        var fixes = runsK3s ? (host ?? K3dNodeHost.Plain).Fixes : K3dFixes.None;

        bool Selects(List<string>? filters) => K3dNodeFilters.Select(filters is { Count: > 0 } f ? f : ["all"], cluster.Name, cluster.Nodes).Contains(node.Name);

        var mounts = new List<ContainerMount>
        {
            new(MountKind.Tmpfs, string.Empty, "/run"),
            new(MountKind.Tmpfs, string.Empty, "/var/run"),
        };
        foreach (var volume in (k3d.Volumes ?? []).Where(v => v.Volume is not null && Selects(v.NodeFilters)))
        {
            var parts = volume.Volume!.Split(':');
            var source = Environment.ExpandEnvironmentVariables(parts[0].Replace("$HOME", Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), StringComparison.Ordinal));
            mounts.Add(new ContainerMount(
                source.StartsWith('/') ? MountKind.Bind : MountKind.Volume,
                source,
                parts[1],
                ReadOnly: parts.Length > 2 && parts[2] == "ro"));
        }

        var runtime = k3d.Options?.Runtime;
        foreach (var label in (runtime?.Labels ?? []).Where(l => l.Label is not null && Selects(l.NodeFilters)))
        {
            var (key, value) = K3dFiles.SplitLabel(label.Label!);
            labels[key] = value;
        }

        var command = args.ToList();
        if (runsK3s)
        {
            // k3d appends them after the node's other arguments (node.go:615-617).
            foreach (var label in (k3d.Options?.K3s?.NodeLabels ?? []).Where(l => l.Label is not null && Selects(l.NodeFilters)))
            {
                var (key, value) = K3dFiles.SplitLabel(label.Label!);
                command.AddRange(["--node-label", $"{key}={value}"]);
            }
        }

        // hostAliases, then host.k3d.internal, go to servers' and agents' /etc/hosts, as k3d writes them
        // after every cluster start (cluster.go:1050-1066; Docker writes these at every start). k3d's
        // host.k3d.internal is the host gateway it finds with its tools node: Docker's host-gateway on
        // Docker Desktop, else the cluster network's gateway, where Docker's host-gateway (the default
        // bridge's gateway, the same host) stands in for it (FIDELITY D12).
        var extraHosts = new List<string>();
        if (runsK3s)
        {
            extraHosts.AddRange((k3d.HostAliases ?? []).Where(a => a.Ip is not null).SelectMany(a => (a.Hostnames ?? []).Select(h => $"{h}:{a.Ip}")));
            extraHosts.Add($"{K3dEntrypoint.HostRecord}:host-gateway");
        }

        return new ContainerSpec
        {
            Name = node.Name,
            Image = node.Image,
            Network = cluster.Network,
            Labels = labels,
            Privileged = true,
            Init = true,

            // Docker's default on cgroup v2 hosts, and what kind does on every host: the node's
            // kubelet then manages cgroups below the node's own, never the host's.
            PrivateCgroupNamespace = true,
            Restart = ("unless-stopped", 0),
            Mounts = mounts,
            Entrypoint = fixes.Any ? [K3dEntrypoint.Path] : null,
            Command = command,
            Environment = env.Concat((k3d.Env ?? []).Where(e => e.EnvVar is not null && Selects(e.NodeFilters)).Select(e => e.EnvVar!)).ToList(),
            Ports = PortsOf(cluster, node.Name),
            // As k3d: registries.yaml before k3d.yaml's files, so a file of the same path wins (cluster.go:242-290).
            Files =
            [
                .. K3dEntrypoint.Files(fixes, host?.DockerDesktop == true),
                .. runsK3s && registries is not null ? [new ContainerFile(K3sRegistries.Path, Encoding.UTF8.GetBytes(registries))] : Array.Empty<ContainerFile>(),
                .. K3dFiles.For(cluster, k3d.Files, Selects),
            ],
            ExtraHosts = extraHosts,
            Ulimits = (runtime?.Ulimits ?? []).Where(u => u.Name is not null).Select(u => (u.Name!, u.Soft ?? 0, u.Hard ?? 0)).ToList(),
            HostPid = runsK3s && runtime?.HostPidMode == true,
        };
    }
}
