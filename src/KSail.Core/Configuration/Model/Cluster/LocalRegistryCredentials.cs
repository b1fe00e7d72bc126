using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>Credentials declares which environment variables hold the registry token for each execution path. When set, it takes precedence over any password embedded in the Registry spec.</summary>
[Description("Credentials declares which environment variables hold the registry token for each execution path. When set, it takes precedence over any password embedded in the Registry spec.")]
public sealed class LocalRegistryCredentials
{
    /// <summary>TokenEnvVar is the environment variable holding the registry token used by both push and pull paths unless a path-specific override is configured. Example: "GHCR_TOKEN".</summary>
    [Description("TokenEnvVar is the environment variable holding the registry token used by both push and pull paths unless a path-specific override is configured. Example: \"GHCR_TOKEN\".")]
    [JsonPropertyName("tokenEnvVar")]
    public string? TokenEnvVar { get; set; }

    /// <summary>CLITokenEnvVar overrides TokenEnvVar for CLI and publish (push) paths. Example: "GHCR_PUSH_TOKEN".</summary>
    [Description("CLITokenEnvVar overrides TokenEnvVar for CLI and publish (push) paths. Example: \"GHCR_PUSH_TOKEN\".")]
    [JsonPropertyName("cliTokenEnvVar")]
    public string? CliTokenEnvVar { get; set; }

    /// <summary>ClusterTokenEnvVar overrides TokenEnvVar for cluster-side pull paths, so the token persisted into the cluster can be pull-only. Example: "GHCR_PULL_TOKEN".</summary>
    [Description("ClusterTokenEnvVar overrides TokenEnvVar for cluster-side pull paths, so the token persisted into the cluster can be pull-only. Example: \"GHCR_PULL_TOKEN\".")]
    [JsonPropertyName("clusterTokenEnvVar")]
    public string? ClusterTokenEnvVar { get; set; }
}
