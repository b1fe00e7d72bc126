using KSail.Core.Distributions.Kwok;
using KSail.Core.Providers.Docker;

namespace KSail.Core.Tests.Distributions.Kwok;

/// <summary>
/// The five containers as kwokctl's docker runtime creates them (kwok v0.8.0
/// pkg/kwokctl/components/*.go in container mode, runtime/compose/cluster_operation.go createComponent).
/// </summary>
public sealed class KwokComponentsTests
{
    private const string Work = "/home/u/.kwok/clusters/sim";

    private static IReadOnlyList<ContainerSpec> Specs(string options = "") =>
        KwokComponents.Specs("sim", Config(options), Work, 32001);

    private static KwokctlConfiguration Config(string options) => new()
    {
        Options = options switch
        {
            "qps" => new KwokctlOptions { DisableQPSLimits = true, KubeFeatureGates = "A=true", EnableCRDs = ["Stage"] },
            "noauth" => new KwokctlOptions { KubeAuthorization = false },
            _ => new KwokctlOptions { KwokControllerImage = "example.test/kwok:1" },
        },
    };

    [Fact]
    public void Each_container_is_named_labelled_and_restarted_as_kwokctl_s_and_runs_its_binary_as_entrypoint()
    {
        var specs = Specs();

        Assert.Equal(["kwok-sim-etcd", "kwok-sim-kube-apiserver", "kwok-sim-kube-controller-manager", "kwok-sim-kube-scheduler", "kwok-sim-kwok-controller"], specs.Select(s => s.Name));
        Assert.Equal(["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok"], specs.Select(s => Assert.Single(s.Entrypoint!)));
        Assert.All(specs, s =>
        {
            Assert.Equal("kwok-sim", s.Network);
            Assert.Equal(("unless-stopped", 0), s.Restart);
            Assert.Equal("kwok-sim", s.Labels["com.docker.compose.project"]);
            Assert.Equal("sim", s.Labels["io.ksail.kwok.cluster"]);
            Assert.Equal("sim", s.Labels["io.ksail.cluster"]);
            Assert.False(s.Privileged);
        });
        Assert.Equal("example.test/kwok:1", specs[4].Image);
        Assert.Equal("registry.k8s.io/etcd:3.6.10-0", specs[0].Image);
    }

    [Fact]
    public void Etcd_listens_for_the_network_with_kwokctl_s_quota_and_data_in_the_container()
    {
        var etcd = Specs()[0];

        Assert.Equal(
            ["--name=node0", "--auto-compaction-retention=1", "--quota-backend-bytes=8589934592", "--data-dir=/etcd-data",
             "--initial-advertise-peer-urls=http://0.0.0.0:2380", "--listen-peer-urls=http://0.0.0.0:2380",
             "--advertise-client-urls=http://0.0.0.0:2379", "--listen-client-urls=http://0.0.0.0:2379", "--initial-cluster=node0=http://0.0.0.0:2380"],
            etcd.Command);
        Assert.Empty(etcd.Mounts);
        Assert.Empty(etcd.Ports);
    }

    [Fact]
    public void The_API_server_serves_TLS_with_the_admin_certificate_and_key_as_service_account_key_published_on_loopback()
    {
        var apiserver = Specs()[1];

        Assert.Equal(
            ["--etcd-prefix=/registry", "--allow-privileged=true", "--etcd-servers=http://kwok-sim-etcd:2379", "--authorization-mode=Node,RBAC",
             "--bind-address=0.0.0.0", "--secure-port=6443", "--tls-cert-file=/etc/kubernetes/pki/admin.crt", "--tls-private-key-file=/etc/kubernetes/pki/admin.key",
             "--client-ca-file=/etc/kubernetes/pki/ca.crt", "--service-account-key-file=/etc/kubernetes/pki/admin.key",
             "--service-account-signing-key-file=/etc/kubernetes/pki/admin.key", "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
             "--proxy-client-key-file=/etc/kubernetes/pki/admin.key", "--proxy-client-cert-file=/etc/kubernetes/pki/admin.crt"],
            apiserver.Command);
        Assert.Equal(new PortPublication("127.0.0.1", 32001, 6443), Assert.Single(apiserver.Ports));
        Assert.Equal(
            [($"{Work}/pki/ca.crt", "/etc/kubernetes/pki/ca.crt"), ($"{Work}/pki/admin.crt", "/etc/kubernetes/pki/admin.crt"), ($"{Work}/pki/admin.key", "/etc/kubernetes/pki/admin.key"), ($"{Work}/kubeconfig", "/root/.kube/config")],
            apiserver.Mounts.Select(m => (m.Source, m.Target)));
        Assert.All(apiserver.Mounts, m => Assert.True(m.ReadOnly));
    }

    [Fact]
    public void The_controller_manager_scheduler_and_kwok_controller_read_the_in_cluster_kubeconfig_and_the_pki()
    {
        var specs = Specs();

        Assert.Equal(
            ["--kubeconfig=/root/.kube/config", "--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics", "--bind-address=0.0.0.0", "--secure-port=10257",
             "--root-ca-file=/etc/kubernetes/pki/ca.crt", "--service-account-private-key-file=/etc/kubernetes/pki/admin.key"],
            specs[2].Command);
        Assert.Equal(["--kubeconfig=/root/.kube/config", "--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics", "--bind-address=0.0.0.0", "--secure-port=10259"], specs[3].Command);
        Assert.Equal(
            ["--manage-all-nodes=true", "--kubeconfig=/root/.kube/config", "--config=/root/.kwok/kwok.yaml", "--tls-cert-file=/etc/kubernetes/pki/admin.crt",
             "--tls-private-key-file=/etc/kubernetes/pki/admin.key", "--node-ip=", "--node-name=kwok-sim-kwok-controller", "--node-port=10247",
             "--server-address=0.0.0.0:10247", "--node-lease-duration-seconds=40"],
            specs[4].Command);
        Assert.Contains(specs[4].Mounts, m => m.Source == $"{Work}/kwok.yaml" && m.Target == "/root/.kwok/kwok.yaml" && m.ReadOnly);
        Assert.All(specs.Skip(2), s => Assert.Contains(s.Mounts, m => m.Source == $"{Work}/kubeconfig" && m.Target == "/root/.kube/config"));
        Assert.All(specs.Skip(2), s => Assert.Empty(s.Ports));
    }

    [Fact]
    public void Options_turn_into_kwokctl_s_flags()
    {
        var specs = Specs("qps");

        Assert.Contains("--feature-gates=A=true", specs[1].Command!);
        Assert.Contains("--max-requests-inflight=0", specs[1].Command!);
        Assert.Contains("--enable-priority-and-fairness=false", specs[1].Command!);
        Assert.Contains("--kube-api-qps=5000", specs[2].Command!);
        Assert.Contains("--kube-api-burst=10000", specs[3].Command!);
        Assert.Contains("--enable-crds=Stage", specs[4].Command!);

        var open = Specs("noauth");
        Assert.Contains("--admission-control=", open[1].Command!);
        Assert.DoesNotContain("--authorization-mode=Node,RBAC", open[1].Command!);
        Assert.DoesNotContain("--root-ca-file=/etc/kubernetes/pki/ca.crt", open[2].Command!);
    }

    [Fact]
    public void The_work_folder_s_kwok_yaml_keeps_kwokctl_s_configuration_then_the_stages_and_the_kubeconfigs_name_the_context_kwok_name()
    {
        var config = Config(string.Empty);
        config.Documents.Add(new KwokDocument { Kind = "Stage" }.WithText("apiVersion: kwok.x-k8s.io/v1alpha1\nkind: Stage\n...\n"));

        var yaml = KwokWorkFolder.KwokYaml("sim", config, 32001);
        var kubeconfig = KwokWorkFolder.Kubeconfig("sim", "https://127.0.0.1:32001", KwokPki.Generate("sim", null, new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero)));

        Assert.StartsWith("apiVersion: config.kwok.x-k8s.io/v1alpha1\nkind: KwokctlConfiguration\nmetadata:\n  name: sim\noptions:\n  runtime: docker\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  kwokControllerImage: example.test/kwok:1\n", yaml, StringComparison.Ordinal);
        Assert.EndsWith("---\napiVersion: kwok.x-k8s.io/v1alpha1\nkind: Stage\n", yaml, StringComparison.Ordinal);
        Assert.Contains("current-context: kwok-sim", kubeconfig, StringComparison.Ordinal);
        Assert.Contains("server: https://127.0.0.1:32001", kubeconfig, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fake_node_is_kwokctl_s_node_template()
    {
        var node = KwokFakeNodes.Node(2);

        Assert.Equal("node-2", node.Metadata.Name);
        Assert.Equal("fake", node.Metadata.Annotations["kwok.x-k8s.io/node"]);
        Assert.Equal("kwok", node.Metadata.Labels["type"]);
        Assert.Equal("agent", node.Metadata.Labels["kubernetes.io/role"]);
        Assert.Equal("10.0.2.0/24", node.Spec.PodCIDR);
        Assert.Equal("110", node.Status.Allocatable["pods"].ToString());
        Assert.Null(node.Spec.Taints);
        Assert.Equal(2, KwokFakeNodes.IndexOf("node-2"));
        Assert.Null(KwokFakeNodes.IndexOf("kwok-sim-kwok-controller"));
    }
}
