using KSail.Core.Configuration;
using KSail.Core.Lifecycle;
using KSail.Core.Providers;

namespace KSail.Core.Distributions;

/// <summary>
/// What a provisioner's actions share, as kind's <c>ActionContext</c>: the declared cluster, the
/// nodes this run creates, the provider, the steps that report and name failures, and the created
/// cluster once the kubeconfig is exported. Each distribution adds what its actions pass on.
/// </summary>
internal abstract class ProvisioningContext
{
    protected ProvisioningContext(ClusterDefinition cluster, IReadOnlyList<NodeDefinition> nodes, CreateOptions options, IContainerProvider docker, ProvisioningSteps steps)
    {
        Cluster = cluster;
        Nodes = nodes;
        Options = options;
        Docker = docker;
        Steps = steps;
    }

    /// <summary>The declared cluster.</summary>
    public ClusterDefinition Cluster { get; }

    /// <summary>The nodes this run creates: every node for create, the added ones when scaling.</summary>
    public IReadOnlyList<NodeDefinition> Nodes { get; }

    /// <summary>The create's options.</summary>
    public CreateOptions Options { get; }

    /// <summary>The provider the nodes run on.</summary>
    public IContainerProvider Docker { get; }

    /// <summary>The steps: progress, commands in nodes, the step a failure names.</summary>
    public ProvisioningSteps Steps { get; }

    /// <summary>The created cluster, once its kubeconfig is exported.</summary>
    public CreatedCluster? Created { get; set; }
}
