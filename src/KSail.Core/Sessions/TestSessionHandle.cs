using KSail.Core.Configuration.Model;

namespace KSail.Core.Sessions;

/// <summary>What a participant of a test run gets: the cluster and how to reach it.</summary>
/// <param name="ClusterName">The cluster.</param>
/// <param name="ParticipantId">This participant's id, for <see cref="TestSession.EndAsync"/>.</param>
/// <param name="KubeconfigPath">A kubeconfig file holding only this cluster (mode 0600).</param>
/// <param name="ContextName">Its context.</param>
/// <param name="Server">The API server endpoint.</param>
/// <param name="Reused">The cluster existed before this run.</param>
/// <param name="Joined">Another participant of the same run had the cluster ready already.</param>
/// <param name="Teardown">The run's teardown policy (with Never, ending a participant's part changes nothing, so callers may skip it).</param>
/// <param name="Registry">
/// The cluster's local registry as the host pushes to it (<c>localhost:5050</c>: the host and the port
/// it is published on, as image names spell it), or null when the cluster has none.
/// </param>
public sealed record TestSessionHandle(string ClusterName, string ParticipantId, string KubeconfigPath, string ContextName, Uri Server, bool Reused, bool Joined, TeardownPolicy Teardown, string? Registry = null);
