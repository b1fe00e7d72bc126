namespace KSail.Core.Distributions.Vanilla.Actions;

/// <summary>The Kubernetes version a kind node image carries, and the cgroup driver its containerd uses.</summary>
internal sealed record KindNodeImage(string KubernetesVersion, string CgroupDriver);
