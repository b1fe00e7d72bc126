using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>Configuration for the workload scan command (Kubescape exceptions, frameworks, compliance threshold) so 'ksail workload scan' (no args) can act as a turnkey CI gate.</summary>
[Description("Configuration for the workload scan command (Kubescape exceptions, frameworks, compliance threshold) so 'ksail workload scan' (no args) can act as a turnkey CI gate.")]
public sealed class ScanOptions
{
    /// <summary>Path to a Kubescape exceptions file forwarded to 'kubescape --exceptions'. Uses Kubescape's native exceptions format (a JSON array of PostureExceptionPolicy objects) to suppress justified, runtime-enforced findings (e.g. Kyverno admission mutation, Cilium network policies, VPA-managed resources) so 'ksail workload scan' can gate at complianceThreshold 100. A relative path resolves against the ksail.yaml directory. Override per-run with --exceptions.</summary>
    [Description("Path to a Kubescape exceptions file forwarded to 'kubescape --exceptions'. Uses Kubescape's native exceptions format (a JSON array of PostureExceptionPolicy objects) to suppress justified, runtime-enforced findings (e.g. Kyverno admission mutation, Cilium network policies, VPA-managed resources) so 'ksail workload scan' can gate at complianceThreshold 100. A relative path resolves against the ksail.yaml directory. Override per-run with --exceptions.")]
    [JsonPropertyName("exceptions")]
    public string? Exceptions { get; set; }

    /// <summary>Security frameworks 'ksail workload scan' (no args) scans against (e.g. nsa, mitre, cis, pss). Defaults to nsa when unset. Override per-run with --framework.</summary>
    [Description("Security frameworks 'ksail workload scan' (no args) scans against (e.g. nsa, mitre, cis, pss). Defaults to nsa when unset. Override per-run with --framework.")]
    [JsonPropertyName("frameworks")]
    public List<string>? Frameworks { get; set; }

    /// <summary>Minimum Kubescape compliance score (whole percentage, 0-100) required for 'ksail workload scan' (no args) to pass; the scan fails below it. Unset means no threshold gate. Override per-run with --compliance-threshold (which also accepts fractional values).</summary>
    [Description("Minimum Kubescape compliance score (whole percentage, 0-100) required for 'ksail workload scan' (no args) to pass; the scan fails below it. Unset means no threshold gate. Override per-run with --compliance-threshold (which also accepts fractional values).")]
    [JsonPropertyName("complianceThreshold")]
    public int? ComplianceThreshold { get; set; }
}
