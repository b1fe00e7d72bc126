using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KSail.Testing.TestBed;

namespace KSail.Testing.Tests;

/// <summary>
/// The test bed's five KWOK images run as kwokctl's container runtime starts them (kwok v0.8.0,
/// pkg/kwokctl/components/{etcd,kube_apiserver,kube_controller_manager,kube_scheduler,kwok_controller}.go:
/// one network, <c>--entrypoint=&lt;program&gt;</c>, kwokctl's PKI of one CA and one admin certificate),
/// started here by hand with <c>docker run</c>, and the kwok controller stand-in plays kwok's default
/// Stages (kustomize/stage/node/fast, node/heartbeat-with-lease, pod/fast) on fake nodes.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class KwokStandInImagesTests : IAsyncLifetime
{
    private const string Pki = "/etc/kubernetes/pki";
    private const string FakeAnnotation = "kwok.x-k8s.io/node";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly string name = $"kwok-kt{Guid.NewGuid().ToString("N")[..6]}";
    private readonly ScratchDirectory scratch = new();

    public ValueTask InitializeAsync()
    {
        DockerAvailability.Require();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await ClusterChecks.RunAsync("bash", CancellationToken.None, "-c", "docker rm -f -v $(docker ps -aq --filter label=io.ksail.testbed.cluster=\"$1\") >/dev/null 2>&1; docker network rm \"$1\" >/dev/null 2>&1; true", "clean", name);
        scratch.Dispose();
    }

    [Fact]
    public async Task Five_containers_as_kwokctl_runs_them_give_a_fake_node_Ready_with_a_Lease_Running_and_Succeeded_Pods_distinct_podIPs_across_a_restart_and_deleted_Pods_gone()
    {
        var ct = TestContext.Current.CancellationToken;
        var images = await TestImages.KwokAsync(ct);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(await StartClusterAsync(images, ct)));
        await WaitForApiAsync(client, ct);

        // Given: a node without kwok's annotation (not managed), then a fake node as kwokctl's docs make one
        await client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "real-looking" } }, cancellationToken: ct);
        var fake = await client.CoreV1.CreateNodeAsync(FakeNode("kwok-node-0"), cancellationToken: ct);

        // Then: node-initialize makes the fake node (only) Ready, with kwok's capacity and conditions
        await ClusterChecks.WaitForNodesReadyAsync(client, ["kwok-node-0"], Timeout, ct);
        var node = await client.CoreV1.ReadNodeAsync("kwok-node-0", cancellationToken: ct);
        Assert.Equal("Running", node.Status.Phase);
        Assert.Equal(new ResourceQuantity("1k"), node.Status.Allocatable["cpu"]);
        Assert.Equal(new ResourceQuantity("1M"), node.Status.Capacity["pods"]);
        Assert.Contains(node.Status.Conditions, c => c.Type == "MemoryPressure" && c.Status == "False");
        Assert.Contains(node.Status.Addresses, a => a.Type == "Hostname" && a.Address == $"{name}-kwok-controller");
        Assert.Equal(10247, node.Status.DaemonEndpoints.KubeletEndpoint.Port);
        Assert.Null((await client.CoreV1.ReadNodeAsync("real-looking", cancellationToken: ct)).Status?.Conditions);

        // And: node-heartbeat-with-lease keeps a Lease for it in kube-node-lease, owned by the Node
        var lease = await Watch.FirstAsync<V1Lease, V1LeaseList>(
            client.CoordinationV1.ListNamespacedLeaseWithHttpMessagesAsync("kube-node-lease", fieldSelector: "metadata.name=kwok-node-0", watch: true, cancellationToken: ct),
            l => l.Spec.RenewTime is not null,
            Timeout,
            ct);
        Assert.Equal(40, lease.Spec.LeaseDurationSeconds);
        Assert.False(string.IsNullOrEmpty(lease.Spec.HolderIdentity));
        Assert.Equal(fake.Metadata.Uid, Assert.Single(lease.Metadata.OwnerReferences).Uid);

        // When: a Pod is scheduled onto the fake node
        var ns = "default";
        await client.CoreV1.CreateNamespacedPodAsync(new V1Pod { Metadata = new V1ObjectMeta { Name = "web" }, Spec = FakeNodePodSpec("Always") }, ns, cancellationToken: ct);

        // Then: pod-ready makes it Running and Ready with a podIP from kwok's default CIDR (the node has no podCIDR)
        var running = await WaitForPodAsync(client, ns, "metadata.name=web", p => p.Status?.Phase == "Running", ct);
        Assert.Equal("kwok-node-0", running.Spec.NodeName);
        Assert.StartsWith("10.0.0.", running.Status.PodIP, StringComparison.Ordinal);
        Assert.True(IPAddress.TryParse(running.Status.PodIP, out _));
        Assert.Contains(running.Status.Conditions, c => c.Type == "Ready" && c.Status == "True");
        var container = Assert.Single(running.Status.ContainerStatuses);
        Assert.True(container.Ready);
        Assert.NotNull(container.State.Running);

        // When: a Job runs on the fake node
        await client.BatchV1.CreateNamespacedJobAsync(
            new V1Job
            {
                Metadata = new V1ObjectMeta { Name = "once" },
                Spec = new V1JobSpec { Template = new V1PodTemplateSpec { Spec = FakeNodePodSpec("Never") } },
            },
            ns,
            cancellationToken: ct);

        // Then: pod-complete makes its Pod Succeeded, and the real Job controller completes the Job
        var succeeded = await WaitForPodAsync(client, ns, null, p => p.Status?.Phase == "Succeeded" && p.Metadata.Labels?.TryGetValue("job-name", out var job) == true && job == "once", ct);
        Assert.Equal(0, Assert.Single(succeeded.Status.ContainerStatuses).State.Terminated.ExitCode);
        var completed = await Watch.FirstAsync<V1Job, V1JobList>(
            client.BatchV1.ListNamespacedJobWithHttpMessagesAsync(ns, fieldSelector: "metadata.name=once", watch: true, cancellationToken: ct),
            j => j.Status?.Succeeded == 1,
            Timeout,
            ct);
        Assert.Contains(completed.Status.Conditions, c => c.Type == "Complete" && c.Status == "True");

        // When: the controller restarts (as on docker stop/start) and another Pod is scheduled
        await ClusterChecks.RunAsync("docker", ct, "restart", "-t", "5", $"{name}-kwok-controller");
        await WaitForStartedLineAsync(ct);
        await client.CoreV1.CreateNamespacedPodAsync(new V1Pod { Metadata = new V1ObjectMeta { Name = "web2" }, Spec = FakeNodePodSpec("Always") }, ns, cancellationToken: ct);

        // Then: it runs with an address of its own (the running Pod's is not handed out again)
        var second = await WaitForPodAsync(client, ns, "metadata.name=web2", p => p.Status?.Phase == "Running", ct);
        Assert.StartsWith("10.0.0.", second.Status.PodIP, StringComparison.Ordinal);
        Assert.NotEqual(running.Status.PodIP, second.Status.PodIP);

        // When: the running Pod is deleted with the default grace period (no kubelet would ever confirm it)
        await client.CoreV1.DeleteNamespacedPodAsync("web", ns, cancellationToken: ct);

        // Then: pod-delete removes it
        await WaitForPodGoneAsync(client, ns, "web", ct);
    }

    // kwokctl's fake Node (kustomize/kwokctl/resource/node.yaml): annotation, label type: kwok, taint.
    private static V1Node FakeNode(string nodeName) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = nodeName,
            Annotations = new Dictionary<string, string> { [FakeAnnotation] = "fake" },
            Labels = new Dictionary<string, string> { ["type"] = "kwok", ["kubernetes.io/hostname"] = nodeName },
        },
        Spec = new V1NodeSpec { Taints = [new V1Taint { Key = FakeAnnotation, Value = "fake", Effect = "NoSchedule" }] },
    };

    private static V1PodSpec FakeNodePodSpec(string restartPolicy) => new()
    {
        RestartPolicy = restartPolicy,
        NodeSelector = new Dictionary<string, string> { ["type"] = "kwok" },
        Tolerations = [new V1Toleration { Key = FakeAnnotation, OperatorProperty = "Exists", Effect = "NoSchedule" }],
        Containers = [new V1Container { Name = "app", Image = "fake-image" }],
    };

    private static Task<V1Pod> WaitForPodAsync(Kubernetes client, string ns, string? fieldSelector, Func<V1Pod, bool> predicate, CancellationToken ct) =>
        Watch.FirstAsync<V1Pod, V1PodList>(
            client.CoreV1.ListNamespacedPodWithHttpMessagesAsync(ns, fieldSelector: fieldSelector, watch: true, cancellationToken: ct),
            predicate,
            Timeout,
            ct);

    private static async Task WaitForPodGoneAsync(Kubernetes client, string ns, string pod, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(Timeout);
        try
        {
            while (true)
            {
                try
                {
                    await client.CoreV1.ReadNamespacedPodAsync(pod, ns, cancellationToken: limit.Token);
                }
                catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), limit.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Assert.Fail($"Pod {ns}/{pod} was still there {Timeout} after its deletion");
        }
    }

    // The stand-in logs "started" once its watches are synced; after a restart, twice in all.
    private async Task WaitForStartedLineAsync(CancellationToken ct)
    {
        var logs = string.Empty;
        for (var attempt = 0; attempt < 150; attempt++)
        {
            logs = await ClusterChecks.RunAsync("bash", ct, "-c", "docker logs \"$1\" 2>&1", "logs", $"{name}-kwok-controller");
            if (logs.Split('\n').Count(l => l.Contains("kwok stand-in: started", StringComparison.Ordinal)) >= 2)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }

        Assert.Fail($"the restarted stand-in did not log its start line within 30 s:\n{logs}");
    }

    // The API server answers once it is up and its bootstrap is done (the default ServiceAccount exists).
    private static async Task WaitForApiAsync(Kubernetes client, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(Timeout);
        while (true)
        {
            try
            {
                await client.CoreV1.ReadNamespacedServiceAccountAsync("default", "default", cancellationToken: limit.Token);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or HttpOperationException && !limit.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), limit.Token);
            }
        }
    }

    // kwokctl's compose runtime, by hand: PKI, kubeconfig for the containers, kwok.yaml, network, five
    // containers. Returns the host's kubeconfig.
    private async Task<string> StartClusterAsync(KwokImages images, CancellationToken ct)
    {
        WritePki();
        scratch.Write("kubeconfig", Kubeconfig($"https://{name}-kube-apiserver:6443", $"{Pki}/ca.crt", $"{Pki}/admin.crt", $"{Pki}/admin.key"));
        scratch.Write("kwok.yaml", "apiVersion: config.kwok.x-k8s.io/v1alpha1\nkind: KwokConfiguration\noptions: {}\n");
        string[] labels = ["--label", "io.ksail.test=true", "--label", $"io.ksail.testbed.cluster={name}", "--label", $"com.docker.compose.project={name}"];
        await ClusterChecks.RunAsync("docker", ct, ["network", "create", .. labels, name]);
        string[] common = ["run", "-d", "--network", name, "--restart=unless-stopped", .. labels];
        string[] pki = ["-v", $"{scratch.Path}/ca.crt:{Pki}/ca.crt:ro", "-v", $"{scratch.Path}/admin.crt:{Pki}/admin.crt:ro", "-v", $"{scratch.Path}/admin.key:{Pki}/admin.key:ro"];
        string[] kubeconfig = ["-v", $"{scratch.Path}/kubeconfig:/root/.kube/config:ro"];
        await ClusterChecks.RunAsync("docker", ct, [.. common, "--name", $"{name}-etcd", "--entrypoint=etcd", images.Etcd,
            "--name=node0", "--auto-compaction-retention=1", "--quota-backend-bytes=8589934592", "--data-dir=/etcd-data",
            "--initial-advertise-peer-urls=http://0.0.0.0:2380", "--listen-peer-urls=http://0.0.0.0:2380",
            "--advertise-client-urls=http://0.0.0.0:2379", "--listen-client-urls=http://0.0.0.0:2379", "--initial-cluster=node0=http://0.0.0.0:2380"]);
        await ClusterChecks.RunAsync("docker", ct, [.. common, .. pki, "--name", $"{name}-kube-apiserver", "-p", "127.0.0.1::6443", "--entrypoint=kube-apiserver", images.KubeApiserver,
            "--etcd-prefix=/registry", "--allow-privileged=true", "--admission-control=", $"--etcd-servers=http://{name}-etcd:2379",
            "--authorization-mode=Node,RBAC", "--bind-address=0.0.0.0", "--secure-port=6443",
            $"--tls-cert-file={Pki}/admin.crt", $"--tls-private-key-file={Pki}/admin.key", $"--client-ca-file={Pki}/ca.crt",
            $"--service-account-key-file={Pki}/admin.key", $"--service-account-signing-key-file={Pki}/admin.key",
            "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
            $"--proxy-client-key-file={Pki}/admin.key", $"--proxy-client-cert-file={Pki}/admin.crt"]);
        await ClusterChecks.RunAsync("docker", ct, [.. common, .. pki, .. kubeconfig, "--name", $"{name}-kube-controller-manager", "--entrypoint=kube-controller-manager", images.KubeControllerManager,
            "--kubeconfig=/root/.kube/config", "--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics", "--bind-address=0.0.0.0", "--secure-port=10257",
            $"--root-ca-file={Pki}/ca.crt", $"--service-account-private-key-file={Pki}/admin.key"]);
        await ClusterChecks.RunAsync("docker", ct, [.. common, .. pki, .. kubeconfig, "--name", $"{name}-kube-scheduler", "--entrypoint=kube-scheduler", images.KubeScheduler,
            "--kubeconfig=/root/.kube/config", "--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics", "--bind-address=0.0.0.0", "--secure-port=10259"]);
        await ClusterChecks.RunAsync("docker", ct, [.. common, .. pki, .. kubeconfig, "-v", $"{scratch.Path}/kwok.yaml:/root/.kwok/kwok.yaml:ro",
            "--name", $"{name}-kwok-controller", "--entrypoint=kwok", images.KwokControllerStandIn,
            "--manage-all-nodes=false", $"--manage-nodes-with-annotation-selector={FakeAnnotation}=fake",
            "--kubeconfig=/root/.kube/config", "--config=/root/.kwok/kwok.yaml",
            $"--tls-cert-file={Pki}/admin.crt", $"--tls-private-key-file={Pki}/admin.key",
            "--node-ip=", $"--node-name={name}-kwok-controller", "--node-port=10247", "--server-address=0.0.0.0:10247",
            "--node-lease-duration-seconds=40"]);
        var port = (await ClusterChecks.RunAsync("docker", ct, "port", $"{name}-kube-apiserver", "6443/tcp")).Split('\n')[0].Trim().Split(':')[^1];
        return scratch.Write("kubeconfig.yaml", Kubeconfig($"https://127.0.0.1:{port}", $"{scratch.Path}/ca.crt", $"{scratch.Path}/admin.crt", $"{scratch.Path}/admin.key"));
    }

    // kwokctl's PKI (pkg/kwokctl/pki): one CA; one admin certificate, CN kwok-admin, O system:masters,
    // that also serves the API server (kwokctl's SANs plus the API server container's name).
    private void WritePki()
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=kwok-ca", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var notBefore = TimeProvider.System.GetUtcNow().AddMinutes(-5);
        using var ca = caRequest.CreateSelfSigned(notBefore, notBefore.AddDays(1));

        using var adminKey = RSA.Create(2048);
        var adminRequest = new CertificateRequest("CN=kwok-admin, O=system:masters", adminKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var sans = new SubjectAlternativeNameBuilder();
        foreach (var dns in new[] { "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local", "localhost", $"{name}-kube-apiserver" })
        {
            sans.AddDnsName(dns);
        }

        sans.AddIpAddress(IPAddress.Loopback);
        sans.AddIpAddress(IPAddress.IPv6Loopback);
        adminRequest.CertificateExtensions.Add(sans.Build());
        adminRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        adminRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var admin = adminRequest.Create(ca, notBefore, notBefore.AddDays(1), RandomNumberGenerator.GetBytes(16));

        scratch.Write("ca.crt", ca.ExportCertificatePem());
        scratch.Write("admin.crt", admin.ExportCertificatePem());
        scratch.Write("admin.key", adminKey.ExportRSAPrivateKeyPem());
    }

    private string Kubeconfig(string server, string ca, string cert, string key) =>
        $"apiVersion: v1\nkind: Config\nclusters:\n- name: {name}\n  cluster:\n    server: {server}\n    certificate-authority: {ca}\n" +
        $"users:\n- name: {name}\n  user:\n    client-certificate: {cert}\n    client-key: {key}\n" +
        $"contexts:\n- name: {name}\n  context:\n    cluster: {name}\n    user: {name}\ncurrent-context: {name}\n";
}
