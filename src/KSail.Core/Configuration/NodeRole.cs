namespace KSail.Core.Configuration;

/// <summary>The role a node container plays in a cluster.</summary>
public enum NodeRole
{
    /// <summary>Runs the Kubernetes control plane (a kind control-plane node, a k3d server).</summary>
    ControlPlane,

    /// <summary>Runs workloads only (a kind worker, a k3d agent).</summary>
    Worker,

    /// <summary>Balances the API server over several control planes (kind's external load balancer, k3d's serverlb).</summary>
    LoadBalancer,
}
