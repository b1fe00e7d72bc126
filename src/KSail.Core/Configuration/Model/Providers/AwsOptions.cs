using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>AWS holds options for the AWS provider used by the EKS distribution.</summary>
[Description("AWS holds options for the AWS provider used by the EKS distribution.")]
public sealed class AwsOptions
{
    /// <summary>ProfileEnvVar is the environment variable containing the AWS shared-config profile name. Defaults to "AWS_PROFILE".</summary>
    [Description("ProfileEnvVar is the environment variable containing the AWS shared-config profile name. Defaults to \"AWS_PROFILE\".")]
    [JsonPropertyName("profileEnvVar")]
    public string? ProfileEnvVar { get; set; }

    /// <summary>RegionEnvVar is the environment variable containing the AWS region. When set, it overrides the region declared in eks.yaml. Defaults to "AWS_REGION".</summary>
    [Description("RegionEnvVar is the environment variable containing the AWS region. When set, it overrides the region declared in eks.yaml. Defaults to \"AWS_REGION\".")]
    [JsonPropertyName("regionEnvVar")]
    public string? RegionEnvVar { get; set; }

    /// <summary>AccessKeyIDEnvVar is the environment variable containing a static AWS access key ID. Defaults to "AWS_ACCESS_KEY_ID".</summary>
    [Description("AccessKeyIDEnvVar is the environment variable containing a static AWS access key ID. Defaults to \"AWS_ACCESS_KEY_ID\".")]
    [JsonPropertyName("accessKeyIdEnvVar")]
    public string? AccessKeyIdEnvVar { get; set; }

    /// <summary>SecretAccessKeyEnvVar is the environment variable containing a static AWS secret access key. Defaults to "AWS_SECRET_ACCESS_KEY".</summary>
    [Description("SecretAccessKeyEnvVar is the environment variable containing a static AWS secret access key. Defaults to \"AWS_SECRET_ACCESS_KEY\".")]
    [JsonPropertyName("secretAccessKeyEnvVar")]
    public string? SecretAccessKeyEnvVar { get; set; }

    /// <summary>SessionTokenEnvVar is the environment variable containing an AWS session token (used with temporary credentials from STS). Defaults to "AWS_SESSION_TOKEN".</summary>
    [Description("SessionTokenEnvVar is the environment variable containing an AWS session token (used with temporary credentials from STS). Defaults to \"AWS_SESSION_TOKEN\".")]
    [JsonPropertyName("sessionTokenEnvVar")]
    public string? SessionTokenEnvVar { get; set; }
}
