using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Models;
using KSail.Core.Configuration;
using KSail.Core.Distributions.Vanilla;
using KSail.Core.Providers.Docker;
using KSail.Core.Tests.Configuration;
using KSail.Testing;
using KSail.Testing.TestBed;
using KSail.Core.Lifecycle;

namespace KSail.Core.Tests.Distributions.Vanilla;

/// <summary>
/// The Vanilla provisioner creates kind's cluster on real nodes (the test bed's kind-compatible node
/// image), through the real image setting of kind.yaml; with several control planes, kind's external
/// load balancer runs the test bed's stand-in for Envoy, named as a user names another load balancer
/// image: KSAIL_KIND_LOADBALANCER_IMAGE in the environment.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class VanillaProvisionerTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> TestLabel = new() { ["io.ksail.test"] = "true" };
    private readonly ScratchDirectory dir = new();
    private readonly string name = $"v-{Guid.NewGuid().ToString("N")[..6]}";
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
            await new VanillaProvisioner(docker).DeleteAsync(name, CancellationToken.None);
            docker.Dispose();
        }

        dir.Dispose();
    }

    private async Task<ClusterDefinition> DeclareAsync(int workers, string? image = null, string lastWorkerExtra = "", int controlPlanes = 1)
    {
        var images = await TestImages.GetAsync(TestContext.Current.CancellationToken);
        image ??= images["kind-node"];
        var nodes = string.Concat(Enumerable.Repeat($"  - role: control-plane\n    image: {image}\n", controlPlanes))
            + string.Concat(Enumerable.Repeat($"  - role: worker\n    image: {image}\n", workers)) + (workers > 0 ? lastWorkerExtra : string.Empty);
        // Three control planes join one after another: on a loaded test bed that can take longer than the default 5 minutes.
        var fields = controlPlanes > 1 ? "    timeouts:\n      provision: 12m\n" : string.Empty;
        return await DeclareKindAsync($"kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n{nodes}", fields);
    }

    // The cluster declared by kind.yaml (with '{image}' standing for the test bed's node image) and ksail.yaml's cluster fields,
    // loaded in an environment with the given variables (as the creating process's environment).
    private async Task<ClusterDefinition> DeclareKindAsync(string kindYaml, string clusterFields = "", IReadOnlyDictionary<string, string?>? environment = null)
    {
        var images = await TestImages.GetAsync(TestContext.Current.CancellationToken);
        dir.Write("kind.yaml", kindYaml.Replace("{image}", images["kind-node"], StringComparison.Ordinal));
        return Declarations.Load(
            dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: Vanilla\n    distributionConfig: kind.yaml\n{clusterFields}"),
            new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>()) { [KindCluster.LoadBalancerImageVariable] = images["kind-load-balancer"] });
    }

    [Fact]
    public async Task One_control_plane_and_two_workers_become_Ready_the_kubeconfig_works_with_kubectl_and_a_port_mapping_reaches_a_Pod()
    {
        var ct = TestContext.Current.CancellationToken;
        var hostPort = ClusterChecks.FreeLoopbackPort();
        var declared = await DeclareAsync(workers: 2, lastWorkerExtra: $"    extraPortMappings:\n      - containerPort: 8080\n        hostPort: {hostPort}\n        listenAddress: 127.0.0.1\n    labels:\n      tier: web\n      ksail.io/declared: \"yes\"\n");

        // When
        var created = await new VanillaProvisioner(Docker).CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct);

        // Then: named and labelled as kind names and labels them
        var nodes = await Docker.ListAsync(new Dictionary<string, string> { [VanillaProvisioner.ClusterLabel] = name }, ct);
        Assert.Equal([$"{name}-control-plane", $"{name}-worker", $"{name}-worker2"], nodes.Select(n => n.Name));
        Assert.Equal(["control-plane", "worker", "worker"], nodes.Select(n => n.Labels[VanillaProvisioner.RoleLabel]));
        Assert.Equal($"kind-{name}", created.ContextName);
        Assert.Equal("127.0.0.1", created.Server.Host);

        // The nodes become Ready: watched through the exported kubeconfig.
        var kubeconfig = dir.Write("kubeconfig", created.Kubeconfig);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        var ready = new HashSet<string>(StringComparer.Ordinal);
        await Watch.FirstAsync<V1Node, V1NodeList>(
            client.CoreV1.ListNodeWithHttpMessagesAsync(watch: true, cancellationToken: ct),
            n =>
            {
                if (n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)
                {
                    ready.Add(n.Metadata.Name);
                }

                return ready.Count == 3;
            },
            TimeSpan.FromMinutes(3),
            ct);

        // The machine's kubectl reads the same kubeconfig.
        var kubectl = Process.Start(new ProcessStartInfo("kubectl", ["--kubeconfig", kubeconfig, "get", "nodes", "-o", "name"]) { RedirectStandardOutput = true })!;
        var listed = await kubectl.StandardOutput.ReadToEndAsync(ct);
        await kubectl.WaitForExitAsync(ct);
        Assert.Equal(0, kubectl.ExitCode);
        Assert.Contains($"node/{name}-worker2", listed, StringComparison.Ordinal);

        // kind's node labels of worker2 are on that node only.
        var labels = (await client.CoreV1.ListNodeAsync(cancellationToken: ct)).Items.ToDictionary(n => n.Metadata.Name, n => n.Metadata.Labels);
        Assert.Equal(("web", "yes"), (labels[$"{name}-worker2"]["tier"], labels[$"{name}-worker2"]["ksail.io/declared"]));
        Assert.DoesNotContain("tier", labels[$"{name}-worker"].Keys);

        // kind's extraPortMappings of worker2 reach a Pod's hostPort there.
        var image = await ClusterChecks.BuildBusyboxImageAsync(ct);
        try
        {
            await ClusterChecks.LoadImageAsync(image, $"{name}-worker2", ct);
            await ClusterChecks.RunWebPodAsync(client, image, $"{name}-worker2", TimeSpan.FromMinutes(3), ct);
            Assert.Equal("served by a pod", (await ClusterChecks.GetPageAsync(new Uri($"http://127.0.0.1:{hostPort}/"), ct)).Trim());
        }
        finally
        {
            await ClusterChecks.RunAsync("docker", CancellationToken.None, "rmi", image);
        }

        // Delete leaves nothing.
        var removed = await new VanillaProvisioner(Docker).DeleteAsync(name, ct);
        Assert.Equal(3, removed.Count);
        Assert.Empty(await Docker.ListAsync(new Dictionary<string, string> { [VanillaProvisioner.ClusterLabel] = name }, ct));
    }

    [Fact]
    public async Task Three_control_planes_behind_kinds_load_balancer_and_a_worker_become_Ready_and_the_API_survives_the_first_control_plane_stopping()
    {
        var ct = TestContext.Current.CancellationToken;
        var declared = await DeclareAsync(workers: 1, controlPlanes: 3);
        var lb = $"{name}-external-load-balancer";
        Assert.Equal((await TestImages.GetAsync(ct))["kind-load-balancer"], declared.Nodes.Single(n => n.Role == NodeRole.LoadBalancer).Image);

        // When
        var clock = Stopwatch.StartNew();
        var created = await new VanillaProvisioner(Docker).CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"created in {clock.Elapsed.TotalSeconds:0} s");

        // Then: kind's containers, the load balancer labelled as kind labels it
        var containers = await Docker.ListAsync(new Dictionary<string, string> { [VanillaProvisioner.ClusterLabel] = name }, ct);
        Assert.Equal([$"{name}-control-plane", $"{name}-control-plane2", $"{name}-control-plane3", lb, $"{name}-worker"], containers.Select(n => n.Name));
        Assert.Equal(["control-plane", "control-plane", "control-plane", "external-load-balancer", "worker"], containers.Select(n => n.Labels[VanillaProvisioner.RoleLabel]));
        Assert.Equal("true", containers.Single(c => c.Name == lb).Labels["io.ksail.test"]);

        // The kubeconfig reaches the API through the load balancer's published port; each control plane's is published on loopback too, as kind does.
        Assert.Equal(await Docker.HostPortAsync(lb, 6443, ct: ct), created.Server.Port);
        foreach (var controlPlane in containers.Where(c => c.Labels[VanillaProvisioner.RoleLabel] == "control-plane"))
        {
            Assert.NotNull(await Docker.HostPortAsync(controlPlane.Name, 6443, ct: ct));
        }

        // Every node becomes Ready; the load balancer is not a node.
        var kubeconfig = dir.Write("kubeconfig", created.Kubeconfig);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        string[] nodes = [$"{name}-control-plane", $"{name}-control-plane2", $"{name}-control-plane3", $"{name}-worker"];
        // The provisioner returns once every node joined; the load balancer's health checks may still send a
        // connection to an API server that is starting (as with kind's Envoy): wait until reads succeed in a row.
        await AnswersRepeatedlyAsync(client, times: 5, TimeSpan.FromMinutes(2), ct);
        await ClusterChecks.WaitForNodesReadyAsync(client, nodes, TimeSpan.FromMinutes(6), ct);
        Assert.Equal(nodes, (await client.CoreV1.ListNodeAsync(cancellationToken: ct)).Items.Select(n => n.Metadata.Name).Order(StringComparer.Ordinal));

        // The API server certificate covers the load balancer's name (kubeadm's controlPlaneEndpoint), which every node uses.
        var kubelet = await ClusterChecks.RunAsync("docker", ct, "exec", $"{name}-worker", "cat", "/etc/kubernetes/kubelet.conf");
        Assert.Contains($"server: https://{lb}:6443", kubelet, StringComparison.Ordinal);

        // When: the first control plane stops
        await Docker.StopAsync($"{name}-control-plane", TimeSpan.FromSeconds(10), ct);
        clock.Restart();

        // Then: the load balancer takes it out, and the API keeps answering through it (etcd keeps its quorum of two).
        await AnswersRepeatedlyAsync(client, times: 5, TimeSpan.FromMinutes(2), ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"5 reads in a row through the load balancer {clock.Elapsed.TotalSeconds:0.0} s after the stop");
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "written-after-the-stop" } }, cancellationToken: ct);

        // Delete leaves nothing, the load balancer included.
        var removed = await new VanillaProvisioner(Docker).DeleteAsync(name, ct);
        Assert.Equal(5, removed.Count);
        Assert.Contains(lb, removed);
        Assert.Empty(await Docker.ListAsync(new Dictionary<string, string> { [VanillaProvisioner.ClusterLabel] = name }, ct));
    }

    [Fact]
    public async Task Two_control_planes_without_workers_pass_the_stability_check_and_the_lifecycle_finds_the_API_at_the_load_balancer()
    {
        var ct = TestContext.Current.CancellationToken;
        var declared = await DeclareAsync(workers: 0, controlPlanes: 2);
        var lb = $"{name}-external-load-balancer";
        var lifecycle = new KSail.Core.Lifecycle.ClusterLifecycle(Docker, state: new KSail.Core.State.ClusterStateStore(Path.Combine(dir.Path, "state")));

        // When: the lifecycle creates it (create returns only once the stability check passed: a schedulable node among them)
        var created = await lifecycle.CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct);

        // Then: both control planes are nodes without the control-plane taint, and the API is at the load balancer's port
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(dir.Write("kubeconfig", created.Kubeconfig)));
        var nodes = (await client.CoreV1.ListNodeAsync(cancellationToken: ct)).Items;
        Assert.Equal([$"{name}-control-plane", $"{name}-control-plane2"], nodes.Select(n => n.Metadata.Name).Order(StringComparer.Ordinal));
        // (kubeadm's control-plane taint, as kind removes it; node.kubernetes.io/not-ready may still be
        // on a node that just turned Ready: the node lifecycle controller removes it a moment later)
        Assert.All(nodes, n => Assert.DoesNotContain(n.Spec.Taints ?? [], t => t.Key is "node-role.kubernetes.io/master" or "node-role.kubernetes.io/control-plane"));
        var exported = await lifecycle.KubeconfigAsync(name, ct);
        Assert.Equal(await Docker.HostPortAsync(lb, 6443, ct: ct), exported.Server.Port);

        // The load balancer is listed with the cluster's containers, and deleted with them.
        var listed = Assert.Single(await lifecycle.ListAsync(ct), c => c.Name == name);
        Assert.Contains(listed.Nodes, n => n.Name == lb);
        var removed = await lifecycle.DeleteAsync(name, kubeconfigPath: null, ct);
        Assert.Equal([$"{name}-control-plane", $"{name}-control-plane2", lb], removed.Order(StringComparer.Ordinal));
        Assert.Empty(await Docker.ListAsync(new Dictionary<string, string> { [VanillaProvisioner.ClusterLabel] = name }, ct));
    }

    // Polls the API until it answers `times` reads in a row; a read may fail while the load balancer still sends connections to a stopped API server.
    private static async Task AnswersRepeatedlyAsync(Kubernetes client, int times, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var inARow = 0;
        var last = "no read yet";
        while (inARow < times)
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"the API did not answer {times} reads in a row through the load balancer within {timeout.TotalSeconds:0} s; last failure: {last}");
            }

            try
            {
                using var shortly = CancellationTokenSource.CreateLinkedTokenSource(ct);
                shortly.CancelAfter(TimeSpan.FromSeconds(10));
                await client.CoreV1.ListNamespaceAsync(cancellationToken: shortly.Token);
                inARow++;
            }
            catch (Exception ex) when (ex is HttpRequestException or k8s.Autorest.HttpOperationException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                last = ex.Message;
                inARow = 0;
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            }
        }
    }

    [Fact]
    public async Task Stop_and_start_keep_the_cluster_and_its_API_port_so_the_create_kubeconfig_works_and_its_spec_is_kept_until_delete()
    {
        var ct = TestContext.Current.CancellationToken;
        var declared = await DeclareAsync(workers: 0);
        var state = new KSail.Core.State.ClusterStateStore(Path.Combine(dir.Path, "state"));
        var lifecycle = new KSail.Core.Lifecycle.ClusterLifecycle(Docker, state: state);
        var created = await lifecycle.CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct);
        Assert.NotNull(state.Load(name));
        var kubeconfig = dir.Write("kubeconfig", created.Kubeconfig);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "kept" } }, cancellationToken: ct);

        // When
        await lifecycle.StopAsync(name, ct);
        var stopped = await Docker.ListAsync(new Dictionary<string, string> { [VanillaProvisioner.ClusterLabel] = name }, ct);
        await lifecycle.StartAsync(name, ct);

        // Then: the same cluster comes back, with what it held, on the same API port: the kubeconfig
        // written at create reaches it as it is (FIDELITY S1: kind publishes a fixed port picked at create)
        Assert.All(stopped, n => Assert.Equal("exited", n.State));
        Assert.Equal(created.Server.Port, await Docker.HostPortAsync($"{name}-control-plane", 6443, ct: ct));
        Assert.Equal(created.Server, (await lifecycle.KubeconfigAsync(name, ct)).Server);
        using var restarted = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        await Watch.FirstOnceServedAsync<V1Node, V1NodeList>(
            token => restarted.CoreV1.ListNodeWithHttpMessagesAsync(watch: true, cancellationToken: token),
            n => n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true,
            TimeSpan.FromMinutes(3),
            ct: ct);
        Assert.Contains((await restarted.CoreV1.ListNamespaceAsync(cancellationToken: ct)).Items, n => n.Metadata.Name == "kept");

        await lifecycle.DeleteAsync(name, kubeconfigPath: null, ct);
        Assert.Null(state.Load(name));
    }

    [Fact]
    public async Task Kubeadm_patches_of_the_cluster_reach_every_node_and_a_nodes_own_patches_reach_only_that_node_after_them()
    {
        var ct = TestContext.Current.CancellationToken;
        var (controlPlane, worker, worker2) = ($"{name}-control-plane", $"{name}-worker", $"{name}-worker2");

        // kind's own examples: the ingress-ready label on the control plane (kind's ingress guide), a
        // controller-manager argument and an API server SAN for the cluster, a label on one worker.
        // The controllers keep kubeadm's default (*,bootstrapsigner,tokencleaner): joins need bootstrapsigner.
        var declared = await DeclareKindAsync("""
            kind: Cluster
            apiVersion: kind.x-k8s.io/v1alpha4
            kubeadmConfigPatches:
            - |
              kind: ClusterConfiguration
              controllerManager:
                extraArgs:
                  controllers: "*,bootstrapsigner,tokencleaner,-ttl"
            - |
              kind: JoinConfiguration
              nodeRegistration:
                kubeletExtraArgs:
                  node-labels: "ksail.io/patched=cluster"
            kubeadmConfigPatchesJSON6902:
            - group: kubeadm.k8s.io
              version: v1beta2
              kind: ClusterConfiguration
              patch: |
                - op: add
                  path: /apiServer/certSANs/-
                  value: patched.ksail.example
            nodes:
            - role: control-plane
              image: {image}
              kubeadmConfigPatches:
              - |
                kind: InitConfiguration
                nodeRegistration:
                  kubeletExtraArgs:
                    node-labels: "ingress-ready=true"
            - role: worker
              image: {image}
            - role: worker
              image: {image}
              kubeadmConfigPatches:
              - |
                kind: JoinConfiguration
                nodeRegistration:
                  kubeletExtraArgs:
                    node-labels: "ksail.io/patched=node"
            """);

        // When
        var created = await new VanillaProvisioner(Docker).CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct);

        // Then: each node registered with the labels its patches gave it
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(dir.Write("kubeconfig", created.Kubeconfig)));
        await ClusterChecks.WaitForNodesReadyAsync(client, [controlPlane, worker, worker2], TimeSpan.FromMinutes(4), ct);
        var labels = (await client.CoreV1.ListNodeAsync(cancellationToken: ct)).Items.ToDictionary(n => n.Metadata.Name, n => n.Metadata.Labels);
        Assert.Equal("true", labels[controlPlane]["ingress-ready"]);
        Assert.DoesNotContain("ksail.io/patched", labels[controlPlane].Keys);
        Assert.Equal("cluster", labels[worker]["ksail.io/patched"]);
        Assert.Equal("node", labels[worker2]["ksail.io/patched"]);
        Assert.DoesNotContain("ingress-ready", labels[worker2].Keys);

        // The controller-manager runs with the patched argument (its static Pod, as the kubelet reports it).
        var pod = await Watch.FirstAsync<V1Pod, V1PodList>(
            client.CoreV1.ListNamespacedPodWithHttpMessagesAsync("kube-system", fieldSelector: $"metadata.name=kube-controller-manager-{controlPlane}", watch: true, cancellationToken: ct),
            _ => true,
            TimeSpan.FromMinutes(2),
            ct);
        Assert.Contains("--controllers=*,bootstrapsigner,tokencleaner,-ttl", pod.Spec.Containers[0].Command);

        // The API server's certificate carries the SAN the JSON 6902 patch added, besides kind's.
        var pem = Encoding.ASCII.GetString(await Docker.ReadFileAsync(controlPlane, "/etc/kubernetes/pki/apiserver.crt", ct));
        using var certificate = X509Certificate2.CreateFromPem(pem);
        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ToList();
        Assert.Contains("patched.ksail.example", names);
        Assert.Contains("localhost", names);
    }

    [Fact]
    public async Task A_single_node_gets_the_clients_proxies_and_DNS_search_loses_the_load_balancer_exclusion_its_kindnet_reaches_the_API_directly_and_with_CSI_Enabled_no_default_storage()
    {
        var ct = TestContext.Current.CancellationToken;
        var controlPlane = $"{name}-control-plane";

        // The kubelet registers the label kubeadm 1.21+ puts on control planes (the test bed's kubeadm is 1.20,
        // which does not); proxies nothing here can reach, so only kind's NO_PROXY lets the cluster come up.
        // spec.cluster.csi: Enabled (the lifecycle installs KSail.NET's own CSI after the provisioner; not used here)
        var declared = await DeclareKindAsync(
            """
            kind: Cluster
            apiVersion: kind.x-k8s.io/v1alpha4
            networking:
              dnsSearch: [search.ksail.test, example.ksail.test]
            nodes:
            - role: control-plane
              image: {image}
              kubeadmConfigPatches:
              - |
                kind: InitConfiguration
                nodeRegistration:
                  kubeletExtraArgs:
                    node-labels: "node.kubernetes.io/exclude-from-external-load-balancers="
            """,
            "    csi: Enabled\n",
            new Dictionary<string, string?> { ["HTTP_PROXY"] = "http://proxy.ksail.invalid:3128", ["https_proxy"] = "http://proxy.ksail.invalid:3129", ["NO_PROXY"] = "registry.ksail.test" });

        // When
        var created = await new VanillaProvisioner(Docker).CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct);

        // Then: FIDELITY K40, the single node lost the label its kubelet registered (kind kubeadminit/init.go)
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(dir.Write("kubeconfig", created.Kubeconfig)));
        Assert.Contains("node.kubernetes.io/exclude-from-external-load-balancers=", await ClusterChecks.RunAsync("docker", ct, "exec", controlPlane, "cat", "/var/lib/kubelet/kubeadm-flags.env"), StringComparison.Ordinal);
        var node = await client.CoreV1.ReadNodeAsync(controlPlane, cancellationToken: ct);
        Assert.DoesNotContain(KSail.Core.Distributions.Vanilla.Actions.KubeadmInitAction.ExcludeFromExternalLoadBalancers, node.Metadata.Labels.Keys);

        // FIDELITY K15: the node carries the client's proxies in both cases, NO_PROXY extended as kind extends it...
        var subnets = await Docker.NetworkSubnetsAsync(VanillaProvisioner.Network, ct);
        var noProxy = string.Join(",", [.. subnets, "registry.ksail.test", "10.96.0.0/16", "10.244.0.0/16", controlPlane, ".svc", ".svc.cluster", ".svc.cluster.local"]);
        Assert.Equal(
            ("http://proxy.ksail.invalid:3128", "http://proxy.ksail.invalid:3128", "http://proxy.ksail.invalid:3129", "http://proxy.ksail.invalid:3129", noProxy, noProxy),
            (await Docker.EnvironmentVariableAsync(controlPlane, "HTTP_PROXY", ct), await Docker.EnvironmentVariableAsync(controlPlane, "http_proxy", ct),
             await Docker.EnvironmentVariableAsync(controlPlane, "HTTPS_PROXY", ct), await Docker.EnvironmentVariableAsync(controlPlane, "https_proxy", ct),
             await Docker.EnvironmentVariableAsync(controlPlane, "NO_PROXY", ct), await Docker.EnvironmentVariableAsync(controlPlane, "no_proxy", ct)));

        // ...which the node's entrypoint made systemd's DefaultEnvironment, so its containerd runs with them.
        Assert.Contains(
            $"DefaultEnvironment=\"HTTP_PROXY=http://proxy.ksail.invalid:3128\" \"HTTPS_PROXY=http://proxy.ksail.invalid:3129\" \"NO_PROXY={noProxy}\"",
            await ClusterChecks.RunAsync("docker", ct, "exec", controlPlane, "cat", "/etc/systemd/system.conf.d/proxy-default-environment.conf"),
            StringComparison.Ordinal);
        var containerd = (await ClusterChecks.RunAsync("docker", ct, "exec", controlPlane, "sh", "-c", "tr '\\0' '\\n' </proc/$(cat /run/containerd.pid)/environ")).Split('\n');
        Assert.Contains("HTTP_PROXY=http://proxy.ksail.invalid:3128", containerd);
        Assert.Contains("HTTPS_PROXY=http://proxy.ksail.invalid:3129", containerd);
        Assert.Contains($"NO_PROXY={noProxy}", containerd);

        // FIDELITY K18: networking.dnsSearch replaced the node's search domains.
        var resolv = (await ClusterChecks.RunAsync("docker", ct, "exec", controlPlane, "cat", "/etc/resolv.conf")).Split('\n');
        Assert.Equal(["search search.ksail.test example.ksail.test"], resolv.Where(l => l.StartsWith("search", StringComparison.Ordinal)));

        // FIDELITY K37: kindnet was told the API's address in the kind network, so it does not wait for kube-proxy.
        var kindnet = await client.AppsV1.ReadNamespacedDaemonSetAsync("kindnet", "kube-system", cancellationToken: ct);
        Assert.Contains(kindnet.Spec.Template.Spec.Containers[0].Env, e => e.Name == "CONTROL_PLANE_ENDPOINT" && e.Value == $"{controlPlane}:6443");

        // With CSI Enabled: no 'standard' StorageClass (installing the storage is a step of create, so it would exist by now)
        Assert.DoesNotContain((await client.StorageV1.ListStorageClassAsync(cancellationToken: ct)).Items, s => s.Metadata.Name == "standard");

        // The node image has it: the setting left it out.
        Assert.Contains("default-storage.yaml", await ClusterChecks.RunAsync("docker", ct, "exec", controlPlane, "ls", "/kind/manifests"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_image_fails_the_first_step_and_leaves_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var declared = await DeclareAsync(workers: 0, image: "127.0.0.1:1/ksail-test/kind-node:none");

        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => new VanillaProvisioner(Docker).CreateAsync(declared, new CreateOptions { ExtraLabels = TestLabel }, ct));

        Assert.Contains("step 'check images'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:1/ksail-test/kind-node:none", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await Docker.ListAsync(new Dictionary<string, string> { [VanillaProvisioner.ClusterLabel] = name }, ct));
    }
}
