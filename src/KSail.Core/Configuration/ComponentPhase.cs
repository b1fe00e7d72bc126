namespace KSail.Core.Configuration;

/// <summary>The install phase of a component.</summary>
public enum ComponentPhase
{
    /// <summary>After the CNI is ready: CSI, metrics-server, load balancer, cert-manager, policy engine.</summary>
    Infrastructure = 1,

    /// <summary>After the stability check: the GitOps engine and its sources.</summary>
    GitOps = 2,
}
