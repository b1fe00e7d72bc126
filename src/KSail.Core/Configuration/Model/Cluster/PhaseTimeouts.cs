using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>Per-phase time limits of a cluster's lifecycle (a KSail.NET extension).</summary>
[Description("Per-phase time limits of a cluster's lifecycle, as Go durations such as 90s or 5m (KSail.NET only).")]
public sealed class PhaseTimeouts
{
    /// <summary>Creating the nodes and bootstrapping Kubernetes (default 5m).</summary>
    [Description("Creating the nodes and bootstrapping Kubernetes (default 5m).")]
    [JsonPropertyName("provision")]
    public string? Provision { get; set; }

    /// <summary>Installing the components of both phases (default 5m).</summary>
    [Description("Installing the components of both phases (default 5m).")]
    [JsonPropertyName("components")]
    public string? Components { get; set; }

    /// <summary>The cluster stability check (default 3m).</summary>
    [Description("The cluster stability check (default 3m).")]
    [JsonPropertyName("stability")]
    public string? Stability { get; set; }

    /// <summary>Stability check step 1: the API server answering /readyz in a row (default 2m).</summary>
    [Description("Stability check step 1: the API server answering /readyz in a row (default 2m).")]
    [JsonPropertyName("apiServer")]
    public string? ApiServer { get; set; }

    /// <summary>Stability check step 2: every node Ready, at least one schedulable (default 2m).</summary>
    [Description("Stability check step 2: every node Ready, at least one schedulable (default 2m).")]
    [JsonPropertyName("nodes")]
    public string? Nodes { get; set; }

    /// <summary>Stability check step 3: every kube-system DaemonSet ready (default 3m).</summary>
    [Description("Stability check step 3: every kube-system DaemonSet ready (default 3m).")]
    [JsonPropertyName("daemonSets")]
    public string? DaemonSets { get; set; }

    /// <summary>Stability check step 4, for Cilium: a Pod reaching the API server's ClusterIP (default 2m).</summary>
    [Description("Stability check step 4, for Cilium only: a Pod reaching the API server's ClusterIP (default 2m).")]
    [JsonPropertyName("apiConnectivity")]
    public string? ApiConnectivity { get; set; }

    /// <summary>Waiting until GitOps has reconciled (default 5m).</summary>
    [Description("Waiting until GitOps has reconciled (default 5m).")]
    [JsonPropertyName("gitOps")]
    public string? GitOps { get; set; }

    /// <summary>Deleting the cluster (default 2m).</summary>
    [Description("Deleting the cluster (default 2m).")]
    [JsonPropertyName("teardown")]
    public string? Teardown { get; set; }
}
