using System.Text.RegularExpressions;

namespace KSail.Core.Distributions.K3s.Actions;

/// <summary>
/// Create registries: k3d's step 3 before any node (<c>pkg/client/cluster.go:166-270</c>; FIDELITY
/// D14): the registry containers of k3d.yaml's <c>registries.use</c> are found and their one published
/// port read (<c>RegistryFromNode</c>), the registry of <c>registries.create</c> is run unless <c>use</c>
/// names it already, each is joined to the cluster's network, and the cluster's one registries.yaml is
/// made (<see cref="K3sRegistries"/>), which every server and agent gets before k3s starts.
/// </summary>
internal sealed partial class CreateRegistriesAction : IProvisioningAction<K3dContext>
{
    /// <inheritdoc/>
    public string Name => "create registries";

    /// <inheritdoc/>
    public async Task ExecuteAsync(K3dContext context, CancellationToken ct)
    {
        var cluster = context.Cluster;
        var registries = cluster.Native<K3dSimpleConfig>().Registries;
        var used = context.ClusterRegistries;

        // KSail's mirrors directory holds containerd hosts.toml files, the form of Vanilla nodes; K3s nodes read registries.yaml.
        if (cluster.Declared.Spec?.Cluster?.Vanilla?.MirrorsDir is { Length: > 0 } mirrorsDir)
        {
            context.Steps.Warn($"spec.cluster.vanilla.mirrorsDir ({mirrorsDir}) has no effect on K3s nodes: its hosts.toml files are for Vanilla nodes; name the mirrors with --mirror-registry or in k3d.yaml's registries.config");
        }

        try
        {
            foreach (var reference in registries?.Use ?? [])
            {
                used.Add(await FindAsync(context, reference, ct).ConfigureAwait(false));
            }

            if (registries?.Create is { } create && !IsEmpty(create))
            {
                var (spec, registry) = K3dRegistryContainer.For(cluster, create, context.Options);
                if (used.Exists(u => u.Name == spec.Name))
                {
                    context.Steps.Begin(Name, $"registry '{spec.Name}' is in registries.use already: not created");
                }
                else
                {
                    context.Steps.Begin(Name, spec.Name, spec.Name);
                    await context.Docker.EnsureImageAsync(spec.Image, ct).ConfigureAwait(false);
                    await context.Docker.RunAsync(spec, ct).ConfigureAwait(false);
                    used.Add(registry);
                }
            }

            foreach (var registry in used)
            {
                await context.Docker.ConnectNetworkAsync(registry.Name, cluster.Network, ct).ConfigureAwait(false);
            }

            context.Registries = K3sRegistries.Yaml(cluster, used);
        }
        catch (FormatException ex)
        {
            throw new ProvisioningException(ex.Message, ex);
        }
    }

    // As k3d: a create section with no name, host, port or image is none (transform.go:313-320).
    private static bool IsEmpty(K3dRegistryCreate create) =>
        create.Name is null or "" && create.Host is null or "" && create.HostPort is null or "" && create.Image is null or "";

    // k3d's ParseRegistryRef ([proto://]host[:port[:port]]), then RegistryFromNode: the container of that
    // name, whose one published port gives the ports registries.yaml names (the reference's ports are not used).
    private static async Task<K3dClusterRegistry> FindAsync(K3dContext context, string reference, CancellationToken ct)
    {
        var match = RegistryReference().Match(reference);
        if (!match.Success)
        {
            throw new FormatException($"registries.use: '{reference}' is not a registry reference ([proto://]host[:port])");
        }

        var name = match.Groups["host"].Value;
        context.Steps.Begin("use registries", name, name);
        IReadOnlyList<Providers.Docker.PortPublication> ports;
        try
        {
            ports = await context.Docker.PublishedPortsAsync(name, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ProvisioningException($"registries.use: no registry container '{name}' ({ex.Message}); run it first (k3d registry create, or docker run), or remove it from registries.use", ex);
        }

        if (ports.Select(p => (p.ContainerPort, p.Protocol)).Distinct().Count() != 1 || ports.Count != 1)
        {
            throw new ProvisioningException($"registries.use: the container '{name}' publishes {ports.Count} ports; k3d uses a registry container that publishes exactly one");
        }

        var port = ports[0];
        return new K3dClusterRegistry(name, port.ContainerPort, port.HostPort, null, port.HostAddress);
    }

    [GeneratedRegex(@"^(?:https?://)?(?<host>[a-zA-Z0-9.\-]+)(?::\d{1,5})?(?::\d{1,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex RegistryReference();
}
