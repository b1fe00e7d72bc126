using System.Globalization;
using KSail.Core.Labels;
using KSail.Core.Providers.Docker;

namespace KSail.Core.Distributions.Kwok;

/// <summary>
/// The five containers as kwokctl's docker runtime runs them (kwok v0.8.0, container mode of
/// <c>pkg/kwokctl/components/{etcd,kube_apiserver,kube_controller_manager,kube_scheduler,kwok_controller}.go</c>,
/// created by <c>runtime/compose/cluster_operation.go</c> createComponent): <c>--entrypoint=&lt;binary&gt;</c>,
/// the arguments and mounts kwokctl gives, <c>--restart=unless-stopped</c>, the compose project label and
/// the <c>kwok-&lt;name&gt;</c> network (where the names kwokctl links by resolve); only the API server's
/// port is published, on the host's loopback. No container is privileged.
/// </summary>
internal static class KwokComponents
{
    /// <summary>Where the components (and, for KSail.NET's kubeconfig, the API server) read the in-cluster kubeconfig (kwokctl's kubeconfigPath).</summary>
    public const string KubeconfigInContainer = "/root/.kube/config";

    public const string CaCert = "/etc/kubernetes/pki/ca.crt";
    public const string AdminCert = "/etc/kubernetes/pki/admin.crt";
    public const string AdminKey = "/etc/kubernetes/pki/admin.key";
    public const string KwokConfig = "/root/.kwok/kwok.yaml";

    /// <summary>The container specs of cluster <paramref name="name"/>, in start order.</summary>
    /// <param name="name">The cluster.</param>
    /// <param name="config">kwok.yaml.</param>
    /// <param name="workFolder">kwokctl's work folder of the cluster (pki/, kubeconfig, kwok.yaml).</param>
    /// <param name="apiHostPort">The host port the API is published on.</param>
    /// <param name="extraLabels">Labels the run adds to every resource (CreateOptions.ExtraLabels).</param>
    public static IReadOnlyList<ContainerSpec> Specs(string name, KwokctlConfiguration config, string workFolder, int apiHostPort, IReadOnlyDictionary<string, string>? extraLabels = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var options = config.Options ?? new KwokctlOptions();
        var images = KwokImages.Of(config);
        var authorization = options.KubeAuthorization ?? true; // kwokctl: the secure port's default
        var admission = options.KubeAdmission ?? authorization;
        var pki = Path.Combine(workFolder, "pki");
        ContainerMount Pki(string file, string target) => new(MountKind.Bind, Path.Combine(pki, file), target, ReadOnly: true);
        ContainerMount[] certificates = [Pki("ca.crt", CaCert), Pki("admin.crt", AdminCert), Pki("admin.key", AdminKey)];
        var kubeconfig = new ContainerMount(MountKind.Bind, Path.Combine(workFolder, "kubeconfig"), KubeconfigInContainer, ReadOnly: true);
        string[] qps = options.DisableQPSLimits == true ? ["--kube-api-qps=5000", "--kube-api-burst=10000"] : [];
        string[] gates = options.KubeFeatureGates is { Length: > 0 } g ? [$"--feature-gates={g}"] : [];
        const string AlwaysAllow = "--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics";

        ContainerSpec Spec(string component, string binary, IEnumerable<string> args, IReadOnlyList<ContainerMount> mounts) => new()
        {
            Name = KwokNames.Container(name, component),
            Image = images[component],
            Network = KwokNames.Project(name),
            Labels = Labels(name, component, extraLabels),
            Entrypoint = [binary],
            Command = [.. args],
            Mounts = mounts,
            Restart = ("unless-stopped", 0),
        };

        var etcdUrl = "http://0.0.0.0";
        var etcd = Spec(KwokNames.Etcd, "etcd",
        [
            "--name=node0",
            "--auto-compaction-retention=1",
            $"--quota-backend-bytes={QuotaBytes(options.EtcdQuotaBackendSize ?? "8Gi").ToString(CultureInfo.InvariantCulture)}",
            "--data-dir=/etcd-data",
            $"--initial-advertise-peer-urls={etcdUrl}:2380",
            $"--listen-peer-urls={etcdUrl}:2380",
            $"--advertise-client-urls={etcdUrl}:2379",
            $"--listen-client-urls={etcdUrl}:2379",
            $"--initial-cluster=node0={etcdUrl}:2380",
        ], []);

        var apiserverArgs = new List<string> { $"--etcd-prefix={options.EtcdPrefix ?? "/registry"}", "--allow-privileged=true" };
        if (!admission)
        {
            apiserverArgs.Add("--admission-control=");
        }

        if (options.KubeRuntimeConfig is { Length: > 0 } runtimeConfig)
        {
            apiserverArgs.Add($"--runtime-config={runtimeConfig}");
        }

        apiserverArgs.AddRange(gates);
        if (options.DisableQPSLimits == true)
        {
            apiserverArgs.AddRange(["--max-requests-inflight=0", "--max-mutating-requests-inflight=0", "--enable-priority-and-fairness=false"]);
        }

        apiserverArgs.Add($"--etcd-servers=http://{KwokNames.Container(name, KwokNames.Etcd)}:2379");
        if (authorization)
        {
            apiserverArgs.Add("--authorization-mode=Node,RBAC");
        }

        apiserverArgs.AddRange(
        [
            "--bind-address=0.0.0.0",
            $"--secure-port={KwokNames.ApiPort.ToString(CultureInfo.InvariantCulture)}",
            $"--tls-cert-file={AdminCert}",
            $"--tls-private-key-file={AdminKey}",
            $"--client-ca-file={CaCert}",
            $"--service-account-key-file={AdminKey}",
            $"--service-account-signing-key-file={AdminKey}",
            "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
            $"--proxy-client-key-file={AdminKey}",
            $"--proxy-client-cert-file={AdminCert}",
        ]);

        // kwokctl mounts no kubeconfig into the API server; KSail.NET adds the in-cluster one, so the
        // cluster's kubeconfig is read from its control plane as for every distribution.
        var apiserver = Spec(KwokNames.KubeApiserver, "kube-apiserver", apiserverArgs, [.. certificates, kubeconfig]) with
        {
            Ports = [new PortPublication("127.0.0.1", apiHostPort, KwokNames.ApiPort)],
        };

        var controllerManagerArgs = new List<string>(gates);
        if (options.KubeControllerManagerNodeMonitorPeriodMilliseconds is > 0 and var period)
        {
            controllerManagerArgs.Add($"--node-monitor-period={GoDurationOf(period)}");
        }

        if (options.KubeControllerManagerNodeMonitorGracePeriodMilliseconds is > 0 and var grace)
        {
            controllerManagerArgs.Add($"--node-monitor-grace-period={GoDurationOf(grace)}");
        }

        controllerManagerArgs.AddRange([$"--kubeconfig={KubeconfigInContainer}", AlwaysAllow, "--bind-address=0.0.0.0", "--secure-port=10257"]);
        if (authorization)
        {
            controllerManagerArgs.AddRange([$"--root-ca-file={CaCert}", $"--service-account-private-key-file={AdminKey}"]);
        }

        controllerManagerArgs.AddRange(qps);
        var controllerManager = Spec(KwokNames.KubeControllerManager, "kube-controller-manager", controllerManagerArgs, [kubeconfig, .. certificates]);

        var scheduler = Spec(KwokNames.KubeScheduler, "kube-scheduler", [.. gates, $"--kubeconfig={KubeconfigInContainer}", AlwaysAllow, "--bind-address=0.0.0.0", "--secure-port=10259", .. qps], [kubeconfig, .. certificates]);

        var controllerArgs = new List<string>
        {
            "--manage-all-nodes=true",
            $"--kubeconfig={KubeconfigInContainer}",
            $"--config={KwokConfig}",
            $"--tls-cert-file={AdminCert}",
            $"--tls-private-key-file={AdminKey}",
            "--node-ip=",
            $"--node-name={KwokNames.Container(name, KwokNames.KwokController)}",
            "--node-port=10247",
            "--server-address=0.0.0.0:10247",
            $"--node-lease-duration-seconds={(options.NodeLeaseDurationSeconds ?? 40).ToString(CultureInfo.InvariantCulture)}",
        };
        if (options.EnableCRDs is { Count: > 0 } crds)
        {
            controllerArgs.Add($"--enable-crds={string.Join(',', crds)}");
        }

        var controller = Spec(KwokNames.KwokController, "kwok", controllerArgs,
            [kubeconfig, .. certificates, new ContainerMount(MountKind.Bind, Path.Combine(workFolder, "kwok.yaml"), KwokConfig, ReadOnly: true)]);

        return [etcd, apiserver, controllerManager, scheduler, controller];
    }

    /// <summary>kwokctl's label (the compose project) and KSail.NET's own.</summary>
    public static Dictionary<string, string> Labels(string name, string component, IReadOnlyDictionary<string, string>? extra = null)
    {
        var labels = ResourceLabels.For(name, component, extra);
        labels[KwokNames.ComposeProjectLabel] = KwokNames.Project(name);
        labels[KwokNames.ClusterLabel] = name;
        labels[KwokNames.ComponentLabel] = component;
        labels[ResourceLabels.Distribution] = "KWOK";
        return labels;
    }

    // A Kubernetes quantity as etcd's byte count (kwokctl: resource.ParseQuantity(...).AsInt64()); checked by the format.
    internal static long QuotaBytes(string quantity) => TryQuotaBytes(quantity, out var bytes) ? bytes : throw new FormatException($"'{quantity}' is not a quantity");

    /// <summary>Reads a whole Kubernetes quantity (<c>8Gi</c>, <c>2G</c>, <c>1024</c>) as bytes.</summary>
    internal static bool TryQuotaBytes(string quantity, out long bytes)
    {
        (string Suffix, long Factor)[] suffixes =
        [
            ("Ki", 1L << 10), ("Mi", 1L << 20), ("Gi", 1L << 30), ("Ti", 1L << 40), ("Pi", 1L << 50),
            ("k", 1000L), ("M", 1000_000L), ("G", 1000_000_000L), ("T", 1000_000_000_000L), ("P", 1000_000_000_000_000L),
        ];
        var (suffix, factor) = suffixes.FirstOrDefault(s => quantity.EndsWith(s.Suffix, StringComparison.Ordinal), (Suffix: string.Empty, Factor: 1L));
        if (long.TryParse(quantity.AsSpan(0, quantity.Length - suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= long.MaxValue / factor)
        {
            bytes = number * factor;
            return true;
        }

        bytes = 0;
        return false;
    }

    // Go's time.Duration String for whole milliseconds, as kwokctl formats the node monitor periods.
    private static string GoDurationOf(long milliseconds)
    {
        var span = TimeSpan.FromMilliseconds(milliseconds);
        var text = string.Empty;
        if (span.Hours > 0 || span.Days > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h");
        }

        if (text.Length > 0 || span.Minutes > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m");
        }

        var seconds = span.Seconds + (span.Milliseconds / 1000.0);
        return text + seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
    }
}
