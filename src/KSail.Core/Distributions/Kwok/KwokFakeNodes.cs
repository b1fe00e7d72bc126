using System.Globalization;
using k8s.Models;

namespace KSail.Core.Distributions.Kwok;

/// <summary>
/// kwokctl's fake nodes (kwok v0.8.0 <c>kustomize/kwokctl/resource/node.yaml</c>, what <c>kwokctl scale node</c>
/// creates): Node objects annotated <c>kwok.x-k8s.io/node: fake</c>, labelled as amd64 linux agents of
/// type kwok, 32 CPUs, 256Gi and 110 Pods each, a /24 of 10.0.0.0/16 and an address of 192.0.2.0/24
/// (documentation ranges, as kwokctl's) by index. The kwok controller plays their kubelets.
/// </summary>
internal static class KwokFakeNodes
{
    /// <summary>The annotation kwok's controller recognises its nodes by.</summary>
    public const string FakeAnnotation = "kwok.x-k8s.io/node";

    /// <summary>The name of fake node <paramref name="index"/>.</summary>
    public static string Name(int index) => string.Create(CultureInfo.InvariantCulture, $"node-{index}");

    /// <summary>The index of a fake node's name, or null for another name.</summary>
    public static int? IndexOf(string name) =>
        name.StartsWith("node-", StringComparison.Ordinal) && int.TryParse(name.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;

    /// <summary>Fake node <paramref name="index"/>.</summary>
    public static V1Node Node(int index)
    {
        var name = Name(index);
        var resources = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal)
        {
            ["cpu"] = new("32"),
            ["memory"] = new("256Gi"),
            ["pods"] = new("110"),
        };
        var cidr = string.Create(CultureInfo.InvariantCulture, $"10.0.{index % 256}.0/24");
        return new V1Node
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Annotations = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [FakeAnnotation] = "fake",
                    ["node.alpha.kubernetes.io/ttl"] = "0",
                    ["metrics.k8s.io/resource-metrics-path"] = $"/metrics/nodes/{name}/metrics/resource",
                },
                Labels = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["beta.kubernetes.io/arch"] = "amd64",
                    ["beta.kubernetes.io/os"] = "linux",
                    ["kubernetes.io/arch"] = "amd64",
                    ["kubernetes.io/hostname"] = name,
                    ["kubernetes.io/os"] = "linux",
                    ["kubernetes.io/role"] = "agent",
                    ["node-role.kubernetes.io/agent"] = string.Empty,
                    ["type"] = "kwok",
                },
            },
            Spec = new V1NodeSpec { PodCIDR = cidr, PodCIDRs = [cidr] },
            Status = new V1NodeStatus
            {
                Addresses = [new V1NodeAddress { Address = string.Create(CultureInfo.InvariantCulture, $"192.0.2.{(index % 254) + 1}"), Type = "InternalIP" }],
                Allocatable = resources,
                Capacity = new Dictionary<string, ResourceQuantity>(resources, StringComparer.Ordinal),
                NodeInfo = new V1NodeSystemInfo
                {
                    Architecture = "amd64",
                    OperatingSystem = "linux",
                    BootID = string.Empty,
                    ContainerRuntimeVersion = string.Empty,
                    KernelVersion = string.Empty,
                    KubeletVersion = string.Empty,
                    KubeProxyVersion = string.Empty,
                    MachineID = string.Empty,
                    OsImage = string.Empty,
                    SystemUUID = string.Empty,
                },
            },
        };
    }
}
