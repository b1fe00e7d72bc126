using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>Chat configures the KSail AI chat assistant. CLI-only; ignored by the operator (the Cluster CRD shares this type but never reads it).</summary>
[Description("Chat configures the KSail AI chat assistant. CLI-only; ignored by the operator (the Cluster CRD shares this type but never reads it).")]
public sealed class ChatSpec
{
    /// <summary>Chat model (empty or 'auto' for API default)</summary>
    [Description("Chat model (empty or 'auto' for API default)")]
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    /// <summary>Reasoning effort level for chat responses (low, medium, or high)</summary>
    [Description("Reasoning effort level for chat responses (low, medium, or high)")]
    [JsonPropertyName("reasoningEffort")]
    public ReasoningEffort? ReasoningEffort { get; set; }
}
