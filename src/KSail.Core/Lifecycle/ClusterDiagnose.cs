using KSail.Core.Kubeconfig;
using KSail.Core.Readiness;
using KSail.Core.Distributions;

namespace KSail.Core.Lifecycle;

/// <summary><c>cluster diagnose</c> on the lifecycle: the node containers first, then what Kubernetes says.</summary>
public static class ClusterDiagnose
{
    // How long the API may take to answer every question of the diagnosis together.
    private static readonly TimeSpan ApiBudget = TimeSpan.FromSeconds(30);

    /// <summary>
    /// What is unhealthy in the cluster <paramref name="name"/>: node containers that are not
    /// running, then (when its API answers) <see cref="ClusterHealth.CheckAsync"/>.
    /// </summary>
    /// <exception cref="ProvisioningException">No cluster of that name exists (exit code 5).</exception>
    public static async Task<ClusterHealthReport> DiagnoseAsync(this ClusterLifecycle lifecycle, string name, TimeProvider? time = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        var cluster = (await lifecycle.ListAsync(ct).ConfigureAwait(false)).FirstOrDefault(c => c.Name == name)
            ?? throw new ProvisioningException($"no cluster named '{name}' exists; see 'ksail cluster list'");
        var stopped = cluster.Nodes
            .Where(n => n.State != "running")
            .Select(n => new HealthProblem(ClusterHealth.NodeContainerKind, null, n.Name, $"container is {n.State}; start it with 'ksail cluster start'", []))
            .ToList();

        CreatedCluster created;
        try
        {
            created = await lifecycle.KubeconfigAsync(name, ct).ConfigureAwait(false);
        }
        catch (ProvisioningException ex)
        {
            return new ClusterHealthReport(name, false, [], [.. stopped, new HealthProblem("Cluster", null, name, $"the API cannot be reached: {ex.Message}", [])], []);
        }

        using var client = Kubeconfigs.CreateClient(created.Kubeconfig);
        using var budget = new CancellationTokenSource(ApiBudget, time ?? TimeProvider.System);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, budget.Token);
        ClusterHealthReport report;
        try
        {
            report = await ClusterHealth.CheckAsync(client, name, time, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or k8s.Autorest.HttpOperationException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return new ClusterHealthReport(name, false, [], [.. stopped, new HealthProblem("Cluster", null, name, $"the API at {created.Server} does not answer: {ex.Message}", [])], []);
        }

        return report with { Problems = [.. stopped, .. report.Problems] };
    }
}
