namespace KSail.Testing;

/// <summary>
/// A cluster declaration that must be refused: ksail.yaml, maybe a native config beside it, and
/// where and what the error must say.
/// </summary>
/// <param name="Name">What is wrong, in a few words.</param>
/// <param name="KSailYaml">The text of ksail.yaml.</param>
/// <param name="NativeFile">The native config's file name, or null.</param>
/// <param name="NativeYaml">The native config's text, or null.</param>
/// <param name="File">The file the error must name.</param>
/// <param name="Line">The line the error must name.</param>
/// <param name="Column">The column the error must name.</param>
/// <param name="Message">A part of the message that says what is wrong and what to do.</param>
public sealed record BadDeclaration(
    string Name,
    string KSailYaml,
    string? NativeFile,
    string? NativeYaml,
    string File,
    int Line,
    int Column,
    string Message)
{
    /// <summary>Writes the files into <paramref name="directory"/> and returns the path of ksail.yaml.</summary>
    public string WriteTo(ScratchDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (NativeFile is not null)
        {
            directory.Write(NativeFile, NativeYaml!);
        }

        return directory.Write("ksail.yaml", KSailYaml);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>The bad declarations every surface must refuse with exit code 3 and <c>file:line:col</c>.</summary>
public static class BadDeclarations
{
    private const string Header = "apiVersion: ksail.io/v1alpha1\nkind: Cluster\n";

    private static string Vanilla(string nativeFile) =>
        Header + $"spec:\n  cluster:\n    distribution: Vanilla\n    distributionConfig: {nativeFile}\n";

    private static string K3s(string extra = "") =>
        Header + "spec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n" + extra;

    private const string KindHeader = "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n";
    private const string K3dHeader = "apiVersion: k3d.io/v1alpha5\nkind: Simple\n";

    /// <summary>Every bad declaration.</summary>
    public static IReadOnlyList<BadDeclaration> All { get; } =
    [
        // ksail.yaml: YAML itself
        new("malformed YAML (unclosed list)", Header + "spec:\n  cluster:\n    distribution: [Vanilla\n", null, null, "ksail.yaml", 6, 1, "not valid YAML"),
        new("malformed YAML (bad indentation)", Header + "spec:\n  cluster:\n    distribution: Vanilla\n   workers: 2\n", null, null, "ksail.yaml", 6, 4, "not valid YAML"),
        new("a key given twice", Header + "spec:\n  cluster:\n    distribution: Vanilla\n    distribution: K3s\n", null, null, "ksail.yaml", 6, 5, "appears twice"),
        new("an empty file", "# nothing here\n", null, null, "ksail.yaml", 1, 1, "the file is empty"),
        new("two documents", Header + "---\n" + Header, null, null, "ksail.yaml", 4, 1, "more than one YAML document"),
        new("a list at the top", "- apiVersion: ksail.io/v1alpha1\n", null, null, "ksail.yaml", 1, 1, "must hold a YAML mapping"),

        // ksail.yaml: header
        new("apiVersion missing", "kind: Cluster\nspec: {}\n", null, null, "ksail.yaml", 1, 1, "apiVersion is missing"),
        new("apiVersion of another version", "apiVersion: ksail.io/v1alpha2\nkind: Cluster\n", null, null, "ksail.yaml", 1, 13, "must be 'ksail.io/v1alpha1'"),
        new("a kind.yaml given as ksail.yaml", KindHeader, null, null, "ksail.yaml", 2, 13, "looks like a distribution config"),
        new("kind misspelt", "apiVersion: ksail.io/v1alpha1\nkind: Clusters\n", null, null, "ksail.yaml", 2, 7, "must be 'Cluster'"),

        // ksail.yaml: fields and types
        new("unknown top-level field", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nspce:\n  cluster: {}\n", null, null, "ksail.yaml", 3, 1, "did you mean 'spec'?"),
        new("unknown nested field", Header + "spec:\n  cluster:\n    distrbution: Vanilla\n", null, null, "ksail.yaml", 5, 5, "did you mean 'distribution'?"),
        new("unknown field, nothing close", Header + "spec:\n  cluster:\n    flavour: spicy\n", null, null, "ksail.yaml", 5, 5, "the fields allowed here are:"),
        new("a word where a number goes", Header + "spec:\n  cluster:\n    workers: two\n", null, null, "ksail.yaml", 5, 14, "must be a whole number"),
        new("a list where a mapping goes", Header + "spec:\n  cluster:\n    - distribution: Vanilla\n", null, null, "ksail.yaml", 5, 5, "must be a mapping"),
        new("a mapping where a value goes", Header + "spec:\n  cluster:\n    distribution:\n      name: Vanilla\n", null, null, "ksail.yaml", 6, 7, "must be one of Vanilla, K3s"),
        new("a distribution misspelt", Header + "spec:\n  cluster:\n    distribution: Vanila\n", null, null, "ksail.yaml", 5, 19, "did you mean 'Vanilla'?"),
        new("a CNI that does not exist", Header + "spec:\n  cluster:\n    cni: Flannel\n", null, null, "ksail.yaml", 5, 10, "not one of Default, Cilium, Calico"),

        // ksail.yaml: choices not built yet
        new("an unsupported distribution", Header + "spec:\n  cluster:\n    distribution: Talos\n", null, null, "ksail.yaml", 5, 19, "supported today: Vanilla, K3s"),
        new("an unsupported provider", Header + "spec:\n  cluster:\n    provider: Hetzner\n", null, null, "ksail.yaml", 5, 15, "supported today: Docker"),
        new("an unsupported load balancer", Header + "spec:\n  cluster:\n    loadBalancer: Enabled\n", null, null, "ksail.yaml", 5, 19, "supported today: Default, Disabled"),
        new("a registry password in plain text", Header + "spec:\n  cluster:\n    localRegistry:\n      registry: me:s3cret@localhost:5050\n", null, null, "ksail.yaml", 6, 17, "holds a password in plain text"),

        // ksail.yaml: values
        new("a timeout that is no duration", Header + "spec:\n  cluster:\n    connection:\n      timeout: 5 minutes\n", null, null, "ksail.yaml", 6, 16, "not a duration"),
        new("a phase timeout that is no duration", Header + "spec:\n  cluster:\n    timeouts:\n      stability: soon\n", null, null, "ksail.yaml", 6, 18, "not a duration"),
        new("a stability step timeout that is no duration", Header + "spec:\n  cluster:\n    timeouts:\n      nodes: 0s\n", null, null, "ksail.yaml", 6, 14, "not a duration"),
        new("no control plane", Header + "spec:\n  cluster:\n    controlPlanes: 0\n", null, null, "ksail.yaml", 5, 20, "at least 1"),
        new("negative workers", Header + "spec:\n  cluster:\n    workers: -1\n", null, null, "ksail.yaml", 5, 14, "0 or more"),
        new("a name Docker and DNS refuse", Header + "metadata:\n  name: My_Cluster\n", null, null, "ksail.yaml", 4, 9, "is not valid"),
        new("a name too long for k3d", Header + "metadata:\n  name: a-very-long-cluster-name-for-k3d-x\nspec:\n  cluster:\n    distribution: K3s\n", null, null, "ksail.yaml", 4, 9, "k3d allows at most 32"),
        new("an unset environment variable", Header + "metadata:\n  name: ${KSAIL_TEST_SURELY_UNSET}\n", null, null, "ksail.yaml", 4, 9, "KSAIL_TEST_SURELY_UNSET, which is not set"),

        // the native config: files
        new("a native file that does not exist", Vanilla("kind-missing.yaml"), null, null, "ksail.yaml", 6, 25, "does not exist"),
        new("a k3d config for Vanilla", Vanilla("kind.yaml"), "kind.yaml", K3dHeader, "kind.yaml", 1, 13, "set spec.cluster.distribution to K3s"),
        new("a kind config of an older version", Vanilla("kind.yaml"), "kind.yaml", "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha3\n", "kind.yaml", 2, 13, "older kind config version"),
        new("a malformed kind.yaml", Vanilla("kind.yaml"), "kind.yaml", KindHeader + "nodes:\n- role: control-plane\n  image: [x\n", "kind.yaml", 6, 1, "not valid YAML"),

        // kind.yaml
        new("unknown field in kind.yaml", Vanilla("kind.yaml"), "kind.yaml", KindHeader + "node:\n- role: control-plane\n", "kind.yaml", 3, 1, "did you mean 'nodes'?"),
        new("a kind node role that does not exist", Vanilla("kind.yaml"), "kind.yaml", KindHeader + "nodes:\n- role: master\n", "kind.yaml", 4, 9, "'control-plane' or 'worker'"),
        new("kind nodes without a control plane", Vanilla("kind.yaml"), "kind.yaml", KindHeader + "nodes:\n- role: worker\n", "kind.yaml", 3, 1, "no control-plane node"),
        new("a container port out of range", Vanilla("kind.yaml"), "kind.yaml", KindHeader + "nodes:\n- role: control-plane\n  extraPortMappings:\n  - containerPort: 70000\n    hostPort: 8080\n", "kind.yaml", 6, 20, "from 1 to 65535"),
        new("a host port mapped twice", Vanilla("kind.yaml"), "kind.yaml", KindHeader + "nodes:\n- role: control-plane\n  extraPortMappings:\n  - containerPort: 80\n    hostPort: 8080\n- role: worker\n  extraPortMappings:\n  - containerPort: 81\n    hostPort: 8080\n", "kind.yaml", 11, 15, "mapped twice"),
        new("a pod subnet that is no CIDR", Vanilla("kind.yaml"), "kind.yaml", KindHeader + "networking:\n  podSubnet: 10.244.0.0/33\n", "kind.yaml", 4, 14, "not a CIDR"),
        new("more control planes than kind.yaml declares", Vanilla("kind.yaml") + "    controlPlanes: 3\n", "kind.yaml", KindHeader + "nodes:\n- role: control-plane\n", "ksail.yaml", 7, 20, "declares 1 control-plane nodes"),

        // k3d.yaml
        new("k3d without a server", K3s(), "k3d.yaml", K3dHeader + "servers: 0\n", "k3d.yaml", 3, 10, "at least 1"),
        new("a k3d port that is not a port", K3s(), "k3d.yaml", K3dHeader + "ports:\n  - port: 80->80\n", "k3d.yaml", 4, 11, "[hostIP:][hostPort:]containerPort"),
        new("a k3d node filter past the last agent", K3s(), "k3d.yaml", K3dHeader + "agents: 1\nports:\n  - port: 8080:80\n    nodeFilters:\n      - agent:3\n", "k3d.yaml", 7, 9, "has 1 agent"),
        new("a k3d API port that is not a number", K3s(), "k3d.yaml", K3dHeader + "kubeAPI:\n  hostPort: api\n", "k3d.yaml", 4, 13, "kubeAPI.hostPort is 'api'"),
        new("a k3d host port used by the API and a port", K3s(), "k3d.yaml", K3dHeader + "kubeAPI:\n  hostPort: \"6443\"\nports:\n  - port: 6443:80\n", "k3d.yaml", 6, 11, "mapped twice"),
        new("a K3s argument without a dash", K3s(), "k3d.yaml", K3dHeader + "options:\n  k3s:\n    extraArgs:\n      - arg: disable=traefik\n", "k3d.yaml", 6, 14, "starts with '-'"),
        new("more workers than k3d.yaml declares", K3s("    workers: 3\n"), "k3d.yaml", K3dHeader + "agents: 1\n", "ksail.yaml", 7, 14, "declares 1 agents"),
    ];
}
