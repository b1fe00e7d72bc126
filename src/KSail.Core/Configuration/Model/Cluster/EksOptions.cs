using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>EKS holds options specific to the EKS distribution.</summary>
[Description("EKS holds options specific to the EKS distribution.")]
public sealed class EksOptions
{
    /// <summary>Experimental: install the AWS Load Balancer Controller when spec.cluster.loadBalancer is Enabled, replacing the default in-tree Classic Load Balancer path. Default false (nothing is installed). IAM permissions and subnet tags are prerequisites KSail does not create.</summary>
    [Description("Experimental: install the AWS Load Balancer Controller when spec.cluster.loadBalancer is Enabled, replacing the default in-tree Classic Load Balancer path. Default false (nothing is installed). IAM permissions and subnet tags are prerequisites KSail does not create.")]
    [JsonPropertyName("experimentalAWSLoadBalancerController")]
    public bool? ExperimentalAWSLoadBalancerController { get; set; }

    /// <summary>Name of a pre-created IRSA service account for the AWS Load Balancer Controller (AWS's documented Helm install path). When set the chart is installed with serviceAccount.create=false and this name; when empty the chart creates its own service account and IAM comes from node-role credentials. Only used with experimentalAWSLoadBalancerController.</summary>
    [Description("Name of a pre-created IRSA service account for the AWS Load Balancer Controller (AWS's documented Helm install path). When set the chart is installed with serviceAccount.create=false and this name; when empty the chart creates its own service account and IAM comes from node-role credentials. Only used with experimentalAWSLoadBalancerController.")]
    [JsonPropertyName("awsLoadBalancerControllerServiceAccount")]
    public string? AwsLoadBalancerControllerServiceAccount { get; set; }
}
