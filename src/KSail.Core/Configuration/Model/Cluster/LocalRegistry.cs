using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>LocalRegistry configures the host-local OCI registry (or an external registry for cloud providers) used by GitOps workflows.</summary>
[Description("LocalRegistry configures the host-local OCI registry (or an external registry for cloud providers) used by GitOps workflows.")]
public sealed class LocalRegistry
{
    /// <summary>Registry is the full registry specification in the format: [user:pass@]host[:port][/path] When populated, enables registry integration for GitOps workflows. Examples:   - "localhost:5050" (local Docker registry)   - "ghcr.io/myorg/myrepo" (GitHub Container Registry with path)   - "${USER}:${PASS}@ghcr.io:443/myorg" (with credentials from env vars) Credentials support ${ENV_VAR} placeholders for environment variable expansion.</summary>
    [Description("Registry is the full registry specification in the format: [user:pass@]host[:port][/path] When populated, enables registry integration for GitOps workflows. Examples:   - \"localhost:5050\" (local Docker registry)   - \"ghcr.io/myorg/myrepo\" (GitHub Container Registry with path)   - \"${USER}:${PASS}@ghcr.io:443/myorg\" (with credentials from env vars) Credentials support ${ENV_VAR} placeholders for environment variable expansion.")]
    [JsonPropertyName("registry")]
    public string? Registry { get; set; }

    /// <summary>Credentials declares which environment variables hold the registry token for each execution path. When set, it takes precedence over any password embedded in the Registry spec.</summary>
    [Description("Credentials declares which environment variables hold the registry token for each execution path. When set, it takes precedence over any password embedded in the Registry spec.")]
    [JsonPropertyName("credentials")]
    public LocalRegistryCredentials? Credentials { get; set; }
}
