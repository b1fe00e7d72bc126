using System.Net;
using System.Net.Sockets;
using k8s;
using k8s.Models;
using KSail.Core.Configuration;
using KSail.Core.Distributions.K3s;
using KSail.Core.Lifecycle;
using KSail.Core.Providers.Docker;
using KSail.Core.Tests.Configuration;
using KSail.Testing;
using KSail.Testing.TestBed;
using KSail.Core.Labels;

namespace KSail.Core.Tests.Distributions.K3s;

/// <summary>
/// The K3s provisioner creates k3d's cluster on real nodes (the test bed's K3s stand-in node image),
/// through the real image setting of k3d.yaml.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class K3sProvisionerTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> TestLabel = new() { ["io.ksail.test"] = "true" };
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);
    private readonly ScratchDirectory dir = new();
    private readonly string name = $"k-{Guid.NewGuid().ToString("N")[..6]}";
    private DockerProvider? docker;

    private DockerProvider Docker => docker!;

    public async ValueTask InitializeAsync()
    {
        DockerAvailability.Require();
        docker = await DockerProvider.ConnectAsync(ct: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (docker is not null)
        {
            await new K3sProvisioner(docker).DeleteAsync(name, CancellationToken.None);
            docker.Dispose();
        }

        dir.Dispose();
    }

    // k3d.yaml with the stand-in node image; the load balancer (when kept) runs the k3d-proxy stand-in,
    // named as k3d users name another proxy image: K3D_IMAGE_LOADBALANCER in the environment.
    private async Task<ClusterDefinition> DeclareAsync(int agents, string extra = "", string? image = null, bool loadBalancer = false, int servers = 1, string clusterFields = "")
    {
        var images = await TestImages.GetAsync(TestContext.Current.CancellationToken);
        image ??= images["k3s-node"];
        var options = loadBalancer ? string.Empty : "options:\n  k3d:\n    disableLoadbalancer: true\n";
        dir.Write("k3d.yaml", $"apiVersion: k3d.io/v1alpha5\nkind: Simple\nservers: {servers}\nagents: {agents}\nimage: {image}\n{options}{extra}");
        return Declarations.Load(
            dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n{clusterFields}"),
            new Dictionary<string, string?> { [K3dSimpleConfig.LoadBalancerImageVariable] = images["k3d-proxy"] });
    }

    // k3d.yaml settings every node of the first test carries (continuing DeclareAsync's options block):
    // nodeLabels (FIDELITY D16), runtime labels and ulimits (D17), files (D15) and hostAliases (D13).
    private const string NodeSettings = """
          k3s:
            nodeLabels:
              - label: ksail.io/pool=blue
                nodeFilters:
                  - agent:1
          runtime:
            labels:
              - label: io.ksail.test.runtime=yes
                nodeFilters:
                  - agent:0
            ulimits:
              - name: nofile
                soft: 16384
                hard: 16384
        files:
          - source: |
              apiVersion: v1
              kind: ConfigMap
              metadata:
                name: written-by-k3d-files
                namespace: default
              data:
                from: files
            destination: k3s-manifests/ksail-files.yaml
            nodeFilters:
              - server:0
        hostAliases:
          - ip: 192.0.2.10
            hostnames:
              - registry.ksail.test

        """;

    [Fact]
    public async Task One_server_and_two_agents_become_Ready_a_published_port_reaches_a_Pod_and_delete_leaves_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var hostPort = ClusterChecks.FreeLoopbackPort();
        var declared = await DeclareAsync(agents: 2, NodeSettings.ReplaceLineEndings("\n") + $"ports:\n  - port: 127.0.0.1:{hostPort}:8080\n    nodeFilters:\n      - server:0\n");

        // When
        var created = await new K3sProvisioner(Docker).CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct);

        // Then: named and labelled as k3d names and labels them
        var nodes = await Docker.ListAsync(new Dictionary<string, string> { [K3sProvisioner.ClusterLabel] = name }, ct);
        Assert.Equal([$"k3d-{name}-agent-0", $"k3d-{name}-agent-1", $"k3d-{name}-server-0"], nodes.Select(n => n.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["agent", "agent", "server"], nodes.Select(n => n.Labels[K3sProvisioner.RoleLabel]).Order(StringComparer.Ordinal));
        Assert.All(nodes, n => Assert.Equal($"k3d-{name}", n.Labels["k3d.cluster.network"]));
        Assert.Equal($"k3d-{name}", created.ContextName);
        Assert.Equal("127.0.0.1", created.Server.Host);

        // The nodes become Ready, watched through the exported kubeconfig; the machine's kubectl reads it too.
        var kubeconfig = dir.Write("kubeconfig", created.Kubeconfig);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        await ClusterChecks.WaitForNodesReadyAsync(client, [$"k3d-{name}-server-0", $"k3d-{name}-agent-0", $"k3d-{name}-agent-1"], ReadyTimeout, ct);
        var listed = await ClusterChecks.RunAsync("kubectl", ct, "--kubeconfig", kubeconfig, "get", "nodes", "-o", "name");
        Assert.Contains($"node/k3d-{name}-agent-1", listed, StringComparison.Ordinal);

        // This host is cgroup v1 and sets no K3D_FIX_*: k3d's entry point runs its DNS and mounts fixes
        // (FIDELITY D4-D6) under Docker's init, and k3s came up behind it.
        await AssertK3dFixesRanAsync($"k3d-{name}-server-0", ct);
        await AssertK3dFixesRanAsync($"k3d-{name}-agent-0", ct);

        // The node settings: node labels on agent-1 only, runtime label on agent-0's container, the
        // ulimit everywhere, the file's manifest deployed by server-0's k3s, hostAliases in /etc/hosts.
        var agent1 = await client.CoreV1.ReadNodeAsync($"k3d-{name}-agent-1", cancellationToken: ct);
        Assert.Equal("blue", agent1.Metadata.Labels["ksail.io/pool"]);
        Assert.DoesNotContain("ksail.io/pool", (await client.CoreV1.ReadNodeAsync($"k3d-{name}-agent-0", cancellationToken: ct)).Metadata.Labels.Keys);
        Assert.Equal("yes", nodes.Single(n => n.Name == $"k3d-{name}-agent-0").Labels["io.ksail.test.runtime"]);
        Assert.DoesNotContain("io.ksail.test.runtime", nodes.Single(n => n.Name == $"k3d-{name}-agent-1").Labels.Keys);
        Assert.Equal("16384", (await ExecAsync($"k3d-{name}-agent-1", ct, "sh", "-c", "ulimit -n")).Trim());
        var hosts = await ExecAsync($"k3d-{name}-agent-0", ct, "cat", "/etc/hosts");
        Assert.Contains("192.0.2.10\tregistry.ksail.test", hosts, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^[0-9.]+\thost\.k3d\.internal$", hosts); // FIDELITY D12: Docker's host gateway
        var written = await Watch.FirstAsync<V1ConfigMap, V1ConfigMapList>(
            client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync("default", fieldSelector: "metadata.name=written-by-k3d-files", watch: true, cancellationToken: ct),
            _ => true,
            ReadyTimeout,
            ct);
        Assert.Equal("files", written.Data["from"]);

        // The port published by server-0 (k3d's ports with a node filter) reaches a Pod's hostPort there.
        var image = await ClusterChecks.BuildBusyboxImageAsync(ct);
        try
        {
            await ClusterChecks.LoadImageAsync(image, $"k3d-{name}-server-0", ct);
            await ClusterChecks.RunWebPodAsync(client, image, $"k3d-{name}-server-0", ReadyTimeout, ct);
            Assert.Equal("served by a pod", (await ClusterChecks.GetPageAsync(new Uri($"http://127.0.0.1:{hostPort}/"), ct)).Trim());

            // FIDELITY D5: a Pod with the node's resolver (the gateway, after the DNS fix) resolves
            // another container of the network through Docker's resolver, by k3d's PREROUTING rule.
            var agent = await Docker.AddressAsync($"k3d-{name}-agent-0", $"k3d-{name}", ct);
            var lookup = await RunDnsPodAsync(client, image, $"k3d-{name}-server-0", $"k3d-{name}-agent-0", ct);
            Assert.Contains($"Address: {agent}", lookup, StringComparison.Ordinal);
        }
        finally
        {
            await ClusterChecks.RunAsync("docker", CancellationToken.None, "rmi", image);
        }

        // Delete leaves nothing: no node, no network, no volume.
        var removed = await new K3sProvisioner(Docker).DeleteAsync(name, ct);
        Assert.Equal(3, removed.Count);
        Assert.Empty(await Docker.ListAsync(new Dictionary<string, string> { [K3sProvisioner.ClusterLabel] = name }, ct));
        Assert.Empty((await ClusterChecks.RunAsync("docker", ct, "network", "ls", "-q", "--filter", $"name=^k3d-{name}$")).Trim());
        Assert.Empty((await ClusterChecks.RunAsync("docker", ct, "volume", "ls", "-q", "--filter", $"label={K3sProvisioner.ClusterLabel}={name}")).Trim());
    }

    [Fact]
    public async Task With_the_load_balancer_the_API_and_a_loadbalancer_port_go_through_it_keep_their_host_ports_across_stop_and_start_and_delete_leaves_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var hostPort = ClusterChecks.FreeLoopbackPort();
        var declared = await DeclareAsync(agents: 1, $"ports:\n  - port: 127.0.0.1:{hostPort}:8080\n    nodeFilters:\n      - loadbalancer\n  - port: 127.0.0.1:9090\n    nodeFilters:\n      - loadbalancer\n", loadBalancer: true);
        var (lb, server, agent) = ($"k3d-{name}-serverlb", $"k3d-{name}-server-0", $"k3d-{name}-agent-0");
        Assert.Equal((await TestImages.GetAsync(ct))["k3d-proxy"], declared.Nodes.Single(n => n.Role == NodeRole.LoadBalancer).Image);

        // When
        var created = await new K3sProvisioner(Docker).CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct);

        // Then: k3d's serverlb, labelled as k3d labels it, publishes the API; server-0 does not
        var nodes = await Docker.ListAsync(new Dictionary<string, string> { [K3sProvisioner.ClusterLabel] = name }, ct);
        Assert.Equal([agent, server, lb], nodes.Select(n => n.Name));
        var proxy = nodes.Single(n => n.Name == lb);
        Assert.Equal(("loadbalancer", "k3d", name, "true"), (proxy.Labels[K3sProvisioner.RoleLabel], proxy.Labels["app"], proxy.Labels[ResourceLabels.Cluster], proxy.Labels["io.ksail.test"]));
        Assert.All(nodes, n => Assert.Equal(lb, n.Labels["k3d.server.loadbalancer"]));
        Assert.Equal(("127.0.0.1", created.Server.Port), (created.Server.Host, await Docker.HostPortAsync(lb, 6443, ct: ct)));
        Assert.Null(await Docker.HostPortAsync(server, 6443, ct: ct));

        // k3d's values.yaml: the API to the server, the loadbalancer port to every server and agent.
        var values = System.Text.Encoding.UTF8.GetString(await Docker.ReadFileAsync(lb, "/etc/confd/values.yaml", ct));
        Assert.Equal($"ports:\n  6443.tcp:\n  - {server}\n  8080.tcp:\n  - {server}\n  - {agent}\n  9090.tcp:\n  - {server}\n  - {agent}\nsettings:\n  workerConnections: 1024\n", values);

        // k3d picks the API's host port before the nodes and labels the servers with it (FIDELITY S1).
        Assert.Equal(created.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), nodes.Single(n => n.Name == server).Labels[K3sProvisioner.ApiPortLabel]);

        // The nodes become Ready through the load balancer; the machine's kubectl goes through it too,
        // and the lifecycle's kubeconfig of the running cluster points at it.
        var kubeconfig = dir.Write("kubeconfig", created.Kubeconfig);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        await ClusterChecks.WaitForNodesReadyAsync(client, [server, agent], ReadyTimeout, ct);
        var listed = await ClusterChecks.RunAsync("kubectl", ct, "--kubeconfig", kubeconfig, "get", "nodes", "-o", "name");
        Assert.Contains($"node/{agent}", listed, StringComparison.Ordinal);
        Assert.Equal(created.Server, (await new ClusterLifecycle(Docker).KubeconfigAsync(name, ct)).Server);

        // The loadbalancer port reaches a Pod's hostPort on the agent through the proxy (server-0
        // serves nothing on 8080: nginx passes the connection to the next node, as k3d-proxy does).
        var image = await ClusterChecks.BuildBusyboxImageAsync(ct);
        try
        {
            await ClusterChecks.LoadImageAsync(image, agent, ct);
            await ClusterChecks.RunWebPodAsync(client, image, agent, ReadyTimeout, ct);
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal("served by a pod", (await ClusterChecks.GetPageAsync(new Uri($"http://127.0.0.1:{hostPort}/"), ct)).Trim());
            }
        }
        finally
        {
            await ClusterChecks.RunAsync("docker", CancellationToken.None, "rmi", image);
        }

        // Stopped and started again, the load balancer publishes the same ports, the one without a
        // host port too, and the kubeconfig written at create reaches the API as it is (FIDELITY S1, K20).
        var unnumbered = await Docker.HostPortAsync(lb, 9090, ct: ct);
        var lifecycle = new ClusterLifecycle(Docker);
        await lifecycle.StopAsync(name, ct);
        await lifecycle.StartAsync(name, ct);
        Assert.Equal((created.Server.Port, unnumbered, hostPort), (await Docker.HostPortAsync(lb, 6443, ct: ct), await Docker.HostPortAsync(lb, 9090, ct: ct), await Docker.HostPortAsync(lb, 8080, ct: ct)));
        await Watch.FirstOnceServedAsync<V1Node, V1NodeList>(
            token => client.CoreV1.ListNodeWithHttpMessagesAsync(watch: true, cancellationToken: token),
            n => n.Metadata.Name == agent && n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true,
            ReadyTimeout,
            ct: ct);

        // Delete leaves nothing: no node, no load balancer, no network, no volume.
        var removed = await new K3sProvisioner(Docker).DeleteAsync(name, ct);
        Assert.Equal([agent, server, lb], removed.Order(StringComparer.Ordinal));
        Assert.Empty(await Docker.ListAsync(new Dictionary<string, string> { [K3sProvisioner.ClusterLabel] = name }, ct));
        Assert.Empty((await ClusterChecks.RunAsync("docker", ct, "network", "ls", "-q", "--filter", $"name=^k3d-{name}$")).Trim());
        Assert.Empty((await ClusterChecks.RunAsync("docker", ct, "volume", "ls", "-q", "--filter", $"label={K3sProvisioner.ClusterLabel}={name}")).Trim());
    }

    [Fact]
    public async Task Three_servers_share_one_etcd_cluster_behind_the_load_balancer_which_answers_with_server_0_stopped_and_delete_leaves_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var declared = await DeclareAsync(agents: 1, loadBalancer: true, servers: 3);
        var servers = Enumerable.Range(0, 3).Select(i => $"k3d-{name}-server-{i}").ToList();
        var (lb, agent, url) = ($"k3d-{name}-serverlb", $"k3d-{name}-agent-0", $"https://k3d-{name}-server-0:6443");

        // When
        var created = await new K3sProvisioner(Docker).CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct);

        // Then: started as k3d starts them: server-0 with --cluster-init, the others joining it
        // through K3S_URL with the same K3S_TOKEN; agents join server-0 too.
        var (command0, env0) = await CommandAndEnvironmentAsync(servers[0], ct);
        Assert.Contains("--cluster-init", command0);
        Assert.DoesNotContain(env0, e => e.StartsWith("K3S_URL=", StringComparison.Ordinal));
        var token = Assert.Single(env0, e => e.StartsWith("K3S_TOKEN=", StringComparison.Ordinal));
        foreach (var node in servers.Skip(1).Append(agent))
        {
            var (command, env) = await CommandAndEnvironmentAsync(node, ct);
            Assert.DoesNotContain("--cluster-init", command);
            Assert.DoesNotContain(command, a => a.StartsWith("--server", StringComparison.Ordinal));
            Assert.Contains($"K3S_URL={url}", env);
            Assert.Contains(token, env);
        }

        // k3d's values.yaml: the API to every server.
        var values = System.Text.Encoding.UTF8.GetString(await Docker.ReadFileAsync(lb, "/etc/confd/values.yaml", ct));
        Assert.StartsWith($"ports:\n  6443.tcp:\n  - {servers[0]}\n  - {servers[1]}\n  - {servers[2]}\nsettings:\n", values, StringComparison.Ordinal);

        // Every node becomes Ready, watched through the load balancer, and all three API servers
        // serve one cluster: each is an endpoint of its kubernetes Service.
        var kubeconfig = dir.Write("kubeconfig", created.Kubeconfig);
        using (var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig)))
        {
            await ClusterChecks.WaitForNodesReadyAsync(client, [.. servers, agent], ReadyTimeout, ct);
            var addresses = new List<string>();
            foreach (var server in servers)
            {
                addresses.Add(await Docker.AddressAsync(server, $"k3d-{name}", ct) ?? throw new InvalidOperationException($"{server} has no address"));
            }

            var endpoints = await client.CoreV1.ReadNamespacedEndpointsAsync("kubernetes", "default", cancellationToken: ct);
            Assert.Equal(addresses.Order(StringComparer.Ordinal), endpoints.Subsets.SelectMany(s => s.Addresses).Select(a => a.Ip).Order(StringComparer.Ordinal));
        }

        // With server-0 stopped, the two others keep etcd's quorum: through the load balancer the API
        // still reads and writes.
        await Docker.StopAsync(servers[0], TimeSpan.FromSeconds(30), ct);
        using (var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig)))
        {
            var written = await RetryAsync(
                async () =>
                {
                    try
                    {
                        return await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "written-without-server-0" } }, "default", cancellationToken: ct);
                    }
                    catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict)
                    {
                        return await client.CoreV1.ReadNamespacedConfigMapAsync("written-without-server-0", "default", cancellationToken: ct); // an earlier try wrote it
                    }
                },
                ct);
            Assert.Equal("written-without-server-0", written.Metadata.Name);
            var nodes = await RetryAsync(() => client.CoreV1.ListNodeAsync(cancellationToken: ct), ct);
            Assert.Equal([agent, .. servers], nodes.Items.Select(n => n.Metadata.Name).Order(StringComparer.Ordinal));
        }

        // Delete leaves nothing: no node, no load balancer, no network, no volume.
        var removed = await new K3sProvisioner(Docker).DeleteAsync(name, ct);
        Assert.Equal([agent, .. servers, lb], removed.Order(StringComparer.Ordinal));
        Assert.Empty(await Docker.ListAsync(new Dictionary<string, string> { [K3sProvisioner.ClusterLabel] = name }, ct));
        Assert.Empty((await ClusterChecks.RunAsync("docker", ct, "network", "ls", "-q", "--filter", $"name=^k3d-{name}$")).Trim());
        Assert.Empty((await ClusterChecks.RunAsync("docker", ct, "volume", "ls", "-q", "--filter", $"label={K3sProvisioner.ClusterLabel}={name}")).Trim());
    }

    [Fact]
    public async Task KubeAPI_host_is_where_the_kubeconfig_points_and_a_name_the_API_certificate_carries()
    {
        var ct = TestContext.Current.CancellationToken;
        var declared = await DeclareAsync(agents: 0, "kubeAPI:\n  host: ksail-api.example\n  hostIP: 127.0.0.1\n");

        // When
        var created = await new K3sProvisioner(Docker).CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct);

        // Then: the kubeconfig names the host, as k3d writes https://<host>:<port>
        var kubeconfig = dir.Write("kubeconfig", created.Kubeconfig);
        var written = KubernetesYaml.Deserialize<k8s.KubeConfigModels.K8SConfiguration>(created.Kubeconfig).Clusters.Single().ClusterEndpoint.Server;
        Assert.Equal($"https://ksail-api.example:{created.Server.Port}", written);
        var (address, _) = (await Docker.HostBindingAsync($"k3d-{name}-server-0", 6443, ct: ct))!.Value;
        Assert.Equal("127.0.0.1", address);

        // The API's certificate is valid for that name under the cluster's CA (kubectl verifies it,
        // reaching the published address with the host as the TLS server name).
        var ready = await ClusterChecks.RunAsync(
            "kubectl", ct, "--kubeconfig", kubeconfig, "--server", $"https://127.0.0.1:{created.Server.Port}", "--tls-server-name", "ksail-api.example", "get", "--raw", "/readyz");
        Assert.Equal("ok", ready.Trim());

        // 'cluster kubeconfig' (and reuse) read the host back from the server's k3d label.
        Assert.Equal(created.Server, (await new ClusterLifecycle(Docker).KubeconfigAsync(name, ct)).Server);
    }

    [Fact]
    public async Task Servers_turn_off_K3s_own_storage_metrics_server_and_ServiceLB_when_spec_cluster_does_without_them_each_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var (server, agent) = ($"k3d-{name}-server-0", $"k3d-{name}-agent-0");

        // The user disabled ServiceLB already (continuing DeclareAsync's options block).
        var declared = await DeclareAsync(
            agents: 1,
            "  k3s:\n    extraArgs:\n      - arg: --disable=traefik,servicelb\n        nodeFilters:\n          - server:*\n",
            clusterFields: "    csi: Disabled\n    metricsServer: Disabled\n    loadBalancer: Disabled\n");

        // When
        var created = await new K3sProvisioner(Docker).CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct);

        // Then: the server runs with K3s's local-path storage and metrics-server off, ServiceLB off once (the user's
        // argument); the agent gets none of them (k3s agent has no --disable)
        var (serverCommand, _) = await CommandAndEnvironmentAsync(server, ct);
        Assert.Equal(["--disable=traefik,servicelb", "--disable=local-storage", "--disable=metrics-server"], serverCommand.Where(a => a.StartsWith("--disable", StringComparison.Ordinal)));
        var (agentCommand, _) = await CommandAndEnvironmentAsync(agent, ct);
        Assert.DoesNotContain(agentCommand, a => a.StartsWith("--disable", StringComparison.Ordinal));

        // K3s (the stand-in parses k3s's flags) took them: both nodes become Ready.
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(dir.Write("kubeconfig", created.Kubeconfig)));
        await ClusterChecks.WaitForNodesReadyAsync(client, [server, agent], ReadyTimeout, ct);
    }

    [Fact]
    public async Task With_flannel_off_the_cluster_is_created_without_a_CNI_and_checked_for_what_runs_without_one()
    {
        // A k3d.yaml passing --flannel-backend=none with spec.cluster.cni: Default: the user installs their own CNI afterwards.
        var ct = TestContext.Current.CancellationToken;
        var declared = await DeclareAsync(
            agents: 0,
            "  k3s:\n    extraArgs:\n      - arg: --flannel-backend=none\n        nodeFilters:\n          - server:*\n",
            clusterFields: "    connection:\n      kubeconfig: ./kubeconfig\n");
        var progress = new ProgressRecorder<ProgressEvent>();

        var created = await new ClusterLifecycle(Docker, progress, new KSail.Core.State.ClusterStateStore(Path.Combine(dir.Path, "state"))).CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct);

        Assert.Contains(progress.Events, e => e.Level == ProgressLevel.Warning && e.Message.StartsWith("the cluster is stable as far as it can be without a CNI", StringComparison.Ordinal));
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigObject(KubernetesYaml.Deserialize<k8s.KubeConfigModels.K8SConfiguration>(created.Kubeconfig)));
        var node = Assert.Single((await client.CoreV1.ListNodeAsync(cancellationToken: ct)).Items);
        var ready = node.Status.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal("False", ready.Status);
        Assert.Contains("NetworkReady=false", ready.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_image_fails_the_first_step_and_leaves_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var declared = await DeclareAsync(agents: 0, image: "127.0.0.1:1/ksail-test/k3s:none");

        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => new K3sProvisioner(Docker).CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct));

        Assert.Contains("step 'check images'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:1/ksail-test/k3s:none", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await Docker.ListAsync(new Dictionary<string, string> { [K3sProvisioner.ClusterLabel] = name }, ct));
    }

    [Fact]
    public async Task A_host_port_in_use_fails_naming_the_port_and_leaves_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var declared = await DeclareAsync(agents: 0, $"kubeAPI:\n  hostIP: 127.0.0.1\n  hostPort: \"{port}\"\n");

        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => new K3sProvisioner(Docker).CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct));

        Assert.Contains($"k3d-{name}-server-0", ex.Message, StringComparison.Ordinal);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Empty(await Docker.ListAsync(new Dictionary<string, string> { [K3sProvisioner.ClusterLabel] = name }, ct));
    }

    // k3d's entry point started the node under Docker's init, its log shows the DNS and mounts fixes and no
    // cgroup v2 fix (a cgroup v1 host), resolv.conf names the network's gateway instead of Docker's
    // 127.0.0.11 (whose rules now answer on the gateway: the node resolves another node's name through
    // it), and the root mount is shared.
    private async Task AssertK3dFixesRanAsync(string node, CancellationToken ct)
    {
        var inspected = (await ClusterChecks.RunAsync("docker", ct, "inspect", "--format", "{{json .Config.Entrypoint}} {{.HostConfig.Init}}", node)).Trim();
        Assert.Equal("[\"/bin/k3d-entrypoint.sh\"] true", inspected);
        var log = await ExecAsync(node, ct, "sh", "-c", "cat /var/log/k3d-entrypoints_*.log");
        Assert.Contains("/bin/k3d-entrypoint-dns.sh", log, StringComparison.Ordinal);
        Assert.Contains("/bin/k3d-entrypoint-mounts.sh", log, StringComparison.Ordinal);
        Assert.DoesNotContain("cgroupv2", log, StringComparison.Ordinal);
        Assert.Contains("k3d fixes done", log, StringComparison.Ordinal);

        var gateway = (await ClusterChecks.RunAsync("docker", ct, "network", "inspect", "--format", "{{(index .IPAM.Config 0).Gateway}}", $"k3d-{name}")).Trim();
        Assert.Contains($"nameserver {gateway}", await ExecAsync(node, ct, "cat", "/etc/resolv.conf"), StringComparison.Ordinal);
        var other = node.EndsWith("server-0", StringComparison.Ordinal) ? $"k3d-{name}-agent-0" : $"k3d-{name}-server-0";
        var address = await Docker.AddressAsync(other, $"k3d-{name}", ct);
        Assert.Contains(address!, await ExecAsync(node, ct, "nslookup", other, gateway), StringComparison.Ordinal);
        Assert.Contains(" shared:", (await ExecAsync(node, ct, "sh", "-c", "grep ' / / ' /proc/self/mountinfo")), StringComparison.Ordinal);
    }

    // A Pod on node with the node's resolv.conf (dnsPolicy Default) that looks name up; returns its log.
    private static async Task<string> RunDnsPodAsync(Kubernetes client, string image, string node, string lookup, CancellationToken ct)
    {
        await client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = "dns" },
                Spec = new V1PodSpec
                {
                    RestartPolicy = "Never",
                    DnsPolicy = "Default",
                    NodeSelector = new Dictionary<string, string> { ["kubernetes.io/hostname"] = node },
                    Containers = [new V1Container { Name = "dns", Image = image, ImagePullPolicy = "Never", Command = ["/bin/busybox", "nslookup", lookup] }],
                },
            },
            "default",
            cancellationToken: ct);
        var pod = await Watch.FirstAsync<V1Pod, V1PodList>(
            client.CoreV1.ListNamespacedPodWithHttpMessagesAsync("default", fieldSelector: "metadata.name=dns", watch: true, cancellationToken: ct),
            p => p.Status?.Phase is "Succeeded" or "Failed",
            ReadyTimeout,
            ct);
        return await ClusterChecks.PodLogAsync(client, pod, ct);
    }

    private static Task<string> ExecAsync(string node, CancellationToken ct, params string[] command) =>
        ClusterChecks.RunAsync("docker", ct, ["exec", node, .. command]);

    // A node's command (after the image's entry point) and environment, as Docker holds them.
    private static async Task<(IReadOnlyList<string> Command, IReadOnlyList<string> Environment)> CommandAndEnvironmentAsync(string node, CancellationToken ct)
    {
        var json = await ClusterChecks.RunAsync("docker", ct, "inspect", "--format", "{{json .Config.Cmd}}\n{{json .Config.Env}}", node);
        var lines = json.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (System.Text.Json.JsonSerializer.Deserialize<List<string>>(lines[0]) ?? [], System.Text.Json.JsonSerializer.Deserialize<List<string>>(lines[1]) ?? []);
    }

    // A request through the load balancer right after a server stopped can meet a connection nginx
    // had open to it; tried again for up to 30 s.
    private static async Task<T> RetryAsync<T>(Func<Task<T>> request, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await request();
            }
            catch (Exception ex) when (attempt < 30 && (ex is HttpRequestException or k8s.Autorest.HttpOperationException or TaskCanceledException) && !ct.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }
}
