using KSail.Core.Configuration;

namespace KSail.Core.Distributions.Vanilla.Actions;

/// <summary>
/// Configure containerd (the end of kind's config action, <c>actions/config/config.go</c>; FIDELITY
/// K41): on every new node at once, before Kubernetes pulls anything, kind.yaml's containerd patches
/// are applied to <c>/etc/containerd/config.toml</c>; the registries the nodes pull through
/// (<see cref="ClusterDefinition.RegistryMirrors"/>, and KSail's <c>spec.cluster.vanilla.mirrorsDir</c>)
/// get their <c>hosts.toml</c>, with <c>config_path</c> set where the config sets none; when the
/// config changed, containerd is restarted as kind restarts it.
/// </summary>
internal sealed class ConfigureContainerdAction : IProvisioningAction<KindContext>
{
    /// <inheritdoc/>
    public string Name => "configure containerd";

    /// <inheritdoc/>
    public async Task ExecuteAsync(KindContext context, CancellationToken ct)
    {
        var hosts = KindRegistryHosts.For(context.Cluster);
        if (!ContainerdConfig.HasPatches(context.Kind) && hosts.Count == 0)
        {
            return;
        }

        var nodes = context.Nodes.Where(n => n.Role != NodeRole.LoadBalancer).ToList();
        context.Steps.Begin(Name, string.Join(", ", nodes.Select(n => n.Name)));
        await Task.WhenAll(nodes.Select(n => ConfigureAsync(context, n, hosts, ct))).ConfigureAwait(false);
    }

    private static async Task ConfigureAsync(KindContext context, NodeDefinition node, IReadOnlyList<KindRegistryHost> hosts, CancellationToken ct)
    {
        var kind = context.Kind;
        var original = await context.Steps.RunAsync(node.Name, ["cat", ContainerdConfig.Path], null, ct).ConfigureAwait(false);
        var config = original;
        try
        {
            if (ContainerdConfig.HasPatches(kind))
            {
                config = ContainerdConfig.Patch(config, kind.ContainerdConfigPatches, kind.ContainerdConfigPatchesJson6902);
            }

            // As KSail: a host whose certs.d folder the node mounts (scaffolded by 'ksail project init') keeps the mounted file.
            var mounted = KindRegistryHosts.Mounted(context.Cluster, node.Name);
            var written = hosts.Where(h => !mounted.Contains(h.Host)).ToList();
            if (written.Count > 0)
            {
                var (withHosts, directory) = ContainerdConfig.WithRegistryHosts(config, [.. written.Where(h => h.Mirror is not null).Select(h => h.Mirror!)]);
                config = withHosts ?? config;
                if (directory is null && written.Any(h => h.Mirror is null))
                {
                    throw new ProvisioningException(
                        $"the node's containerd config names its registries the old way (registry.mirrors or registry.configs in containerdConfigPatches), so the hosts.toml files of spec.cluster.vanilla.mirrorsDir ({string.Join(", ", written.Where(h => h.Mirror is null).Select(h => h.Host))}) would have no effect; move those registries to hosts.toml files, or remove the mirrors directory");
                }

                foreach (var host in directory is null ? [] : written)
                {
                    await context.Steps.WriteFileAsync(node.Name, $"{directory}/{host.Host}/hosts.toml", host.Content, ct).ConfigureAwait(false);
                }
            }
        }
        catch (FormatException ex)
        {
            throw new ProvisioningException($"containerd config of {node.Name}: {ex.Message}", ex);
        }

        if (ContainerdConfig.HasPatches(kind) || config != original)
        {
            await context.Steps.WriteFileAsync(node.Name, ContainerdConfig.Path, config, ct).ConfigureAwait(false);

            // As kind: restart containerd now that it is re-configured (skipped when it does not run).
            await context.Steps.RunAsync(node.Name, ContainerdConfig.RestartCommand, null, ct).ConfigureAwait(false);
        }
    }
}
