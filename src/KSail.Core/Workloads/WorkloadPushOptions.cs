namespace KSail.Core.Workloads;

/// <summary>
/// What <c>ksail workload push</c> is asked (KSail's <c>pkg/cli/cmd/workload/push.go</c>): every part is
/// optional and found as KSail finds it.
/// </summary>
/// <param name="Reference">
/// The <c>oci://host:port/repository[/variant]:ref</c> argument; its parts override what is found
/// (a host with a port is pushed to as named, without looking for a registry).
/// </param>
/// <param name="Path">The directory to pack (<c>--path</c>; default <c>spec.workload.sourceDirectory</c>, else <c>k8s</c>).</param>
/// <param name="Registry">
/// The registry, <c>[user:pass@]host[:port][/path]</c> (<c>--registry</c>; else <c>KSAIL_REGISTRY</c>,
/// else the cluster's registry: the running local registry's host port, or an existing registry).
/// </param>
public sealed record WorkloadPushOptions(string? Reference = null, string? Path = null, string? Registry = null);
