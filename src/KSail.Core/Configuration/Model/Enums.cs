using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>The Kubernetes distribution to provision.</summary>
public enum Distribution
{
    /// <summary>Upstream Kubernetes with kubeadm, as kind creates it.</summary>
    Vanilla,

    /// <summary>K3s, as k3d creates it.</summary>
    K3s,

    /// <summary>Talos Linux.</summary>
    Talos,

    /// <summary>vCluster.</summary>
    VCluster,

    /// <summary>KWOK (simulated nodes).</summary>
    KWOK,

    /// <summary>Amazon EKS.</summary>
    EKS,

    /// <summary>Google GKE.</summary>
    GKE,

    /// <summary>Azure AKS.</summary>
    AKS,
}

/// <summary>The infrastructure that runs the cluster's nodes.</summary>
public enum Provider
{
    /// <summary>Containers on the local Docker engine.</summary>
    Docker,

    /// <summary>Hetzner Cloud servers.</summary>
    Hetzner,

    /// <summary>Sidero Omni.</summary>
    Omni,

    /// <summary>Amazon Web Services.</summary>
    AWS,

    /// <summary>Google Cloud.</summary>
    GCP,

    /// <summary>Microsoft Azure.</summary>
    Azure,

    /// <summary>Pods in an existing Kubernetes cluster.</summary>
    Kubernetes,
}

/// <summary>The Container Network Interface plugin.</summary>
public enum Cni
{
    /// <summary>The distribution's own CNI.</summary>
    Default,

    /// <summary>Cilium.</summary>
    Cilium,

    /// <summary>Calico.</summary>
    Calico,
}

/// <summary>A component switch whose Default keeps the distribution's own behaviour.</summary>
public enum Toggle
{
    /// <summary>Whatever the distribution does by itself.</summary>
    Default,

    /// <summary>Installed.</summary>
    Enabled,

    /// <summary>Not installed, and removed where the distribution would install it.</summary>
    Disabled,
}

/// <summary>A plain on/off switch.</summary>
public enum EnabledDisabled
{
    /// <summary>On.</summary>
    Enabled,

    /// <summary>Off.</summary>
    Disabled,
}

/// <summary>The policy engine to install.</summary>
public enum PolicyEngine
{
    /// <summary>No policy engine.</summary>
    None,

    /// <summary>Kyverno.</summary>
    Kyverno,

    /// <summary>OPA Gatekeeper.</summary>
    Gatekeeper,
}

/// <summary>The GitOps engine to bootstrap.</summary>
public enum GitOpsEngine
{
    /// <summary>No GitOps engine.</summary>
    None,

    /// <summary>Flux.</summary>
    Flux,

    /// <summary>Argo CD.</summary>
    ArgoCD,
}

/// <summary>A Kubernetes taint effect.</summary>
public enum TaintEffect
{
    /// <summary>NoSchedule.</summary>
    NoSchedule,

    /// <summary>PreferNoSchedule.</summary>
    PreferNoSchedule,

    /// <summary>NoExecute.</summary>
    NoExecute,
}

/// <summary>A port protocol.</summary>
public enum PortProtocol
{
    /// <summary>TCP.</summary>
    TCP,

    /// <summary>UDP.</summary>
    UDP,
}

/// <summary>Hetzner placement group strategy.</summary>
public enum PlacementGroupStrategy
{
    /// <summary>No placement group.</summary>
    None,

    /// <summary>Spread servers over hosts.</summary>
    Spread,
}

/// <summary>Signature verifier for Flux artifacts.</summary>
public enum SignatureVerifier
{
    /// <summary>cosign.</summary>
    [JsonStringEnumMemberName("cosign")]
    Cosign,

    /// <summary>notation.</summary>
    [JsonStringEnumMemberName("notation")]
    Notation,
}

/// <summary>Reasoning effort of the chat assistant.</summary>
public enum ReasoningEffort
{
    /// <summary>low.</summary>
    [JsonStringEnumMemberName("low")]
    Low,

    /// <summary>medium.</summary>
    [JsonStringEnumMemberName("medium")]
    Medium,

    /// <summary>high.</summary>
    [JsonStringEnumMemberName("high")]
    High,
}

/// <summary>What happens to a cluster when the run that created it ends (a KSail.NET field).</summary>
public enum TeardownPolicy
{
    /// <summary>Always delete the cluster.</summary>
    Always,

    /// <summary>Delete it when the run succeeded; keep it for debugging when it failed.</summary>
    OnSuccess,

    /// <summary>Keep the cluster.</summary>
    Never,
}
