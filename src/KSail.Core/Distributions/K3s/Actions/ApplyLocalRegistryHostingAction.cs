namespace KSail.Core.Distributions.K3s.Actions;

/// <summary>
/// Apply LocalRegistryHosting: when the cluster uses registries (k3d.yaml's <c>registries.use</c> and
/// <c>registries.create</c>), the KEP-1755 ConfigMap of the first is applied with the <c>kubectl</c> of a server, once k3s runs, as k3d does
/// (<c>pkg/client/cluster.go</c> <c>prepCreateLocalRegistryHostingConfigMap</c>): a failure is a
/// warning, not a failed create (FIDELITY D14).
/// </summary>
internal sealed class ApplyLocalRegistryHostingAction : IProvisioningAction<K3dContext>
{
    /// <inheritdoc/>
    public string Name => "apply LocalRegistryHosting";

    /// <inheritdoc/>
    public async Task ExecuteAsync(K3dContext context, CancellationToken ct)
    {
        if (context.ClusterRegistries.Count == 0)
        {
            return;
        }

        var manifest = System.Text.Encoding.UTF8.GetBytes(K3sRegistries.LocalRegistryHosting(context.ClusterRegistries[0]));
        var failures = new List<string>();
        foreach (var server in context.Servers)
        {
            var result = await context.Docker.ExecAsync(server.Name, ["kubectl", "apply", "-f", "-"], manifest, ct).ConfigureAwait(false);
            if (result.ExitCode == 0)
            {
                return;
            }

            failures.Add($"{server.Name}: {(result.Error + result.Output).Trim()}");
        }

        context.Steps.Warn($"the local-registry-hosting ConfigMap was not created ({string.Join("; ", failures)})");
    }
}
