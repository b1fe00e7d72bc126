using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>Configuration for the workload watch command (pre-apply hooks, etc.)</summary>
[Description("Configuration for the workload watch command (pre-apply hooks, etc.)")]
public sealed class WatchOptions
{
    /// <summary>Shell commands to run before each apply (e.g. docker build, make generate). Executed sequentially; if any hook fails the apply is skipped. CLI-only; ignored by the operator.</summary>
    [Description("Shell commands to run before each apply (e.g. docker build, make generate). Executed sequentially; if any hook fails the apply is skipped. CLI-only; ignored by the operator.")]
    [JsonPropertyName("hooks")]
    public List<string>? Hooks { get; set; }
}
