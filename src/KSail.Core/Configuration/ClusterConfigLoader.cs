using KSail.Core.Configuration.Model;
using KSail.Core.Configuration.Yaml;
using KSail.Core.Distributions;
using YamlDotNet.RepresentationModel;

namespace KSail.Core.Configuration;

/// <summary>
/// Loads a cluster declaration: ksail.yaml (KSail's <c>ksail.io/v1alpha1</c> Cluster) and the
/// distribution's native config it points at (kind.yaml or k3d.yaml), with precedence
/// arguments &gt; <c>KSAIL_*</c> environment &gt; file &gt; defaults. Every problem in either file is
/// collected and reported together, each naming its file, line and column.
/// </summary>
public static partial class ClusterConfigLoader
{
    /// <summary>The file name KSail looks for.</summary>
    public const string FileName = "ksail.yaml";

    /// <summary>The API version of ksail.yaml.</summary>
    public const string ApiVersion = "ksail.io/v1alpha1";

    /// <summary>The kind of ksail.yaml.</summary>
    public const string Kind = "Cluster";

    /// <summary>The nearest ksail.yaml at or above <paramref name="startDirectory"/>, or null.</summary>
    public static string? FindNearest(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Loads and validates a declaration.</summary>
    /// <exception cref="ConfigurationException">The declaration has errors; all of them are listed.</exception>
    public static ClusterDefinition Load(ClusterLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = ResolveConfigPath(options);
        return new DeclarationLoad(options, path).Run();
    }

    /// <summary>Loads and validates a declaration from a file.</summary>
    /// <exception cref="ConfigurationException">The declaration has errors; all of them are listed.</exception>
    public static ClusterDefinition Load(string configPath) => Load(new ClusterLoadOptions { ConfigPath = configPath });

    private static string ResolveConfigPath(ClusterLoadOptions options)
    {
        if (options.ConfigPath is { } given)
        {
            var full = Path.GetFullPath(given, options.WorkingDirectory);
            if (Directory.Exists(full))
            {
                full = Path.Combine(full, FileName);
            }

            if (!File.Exists(full))
            {
                throw new ConfigurationException(
                    SourceLocation.FromArgument("--config"),
                    $"the file {full} does not exist; pass the path of a ksail.yaml, or create one with 'ksail project init'");
            }

            return full;
        }

        return FindNearest(options.WorkingDirectory)
            ?? throw new ConfigurationException(
                new SourceLocation(Path.Combine(options.WorkingDirectory, FileName), 0, 0),
                $"no {FileName} in {options.WorkingDirectory} or any directory above it; create one with 'ksail project init', or pass --config PATH");
    }

    /// <summary>One load: the state shared by the rules while a declaration is read.</summary>
    private sealed partial class DeclarationLoad
    {
        private readonly ClusterLoadOptions options;
        private readonly string configFile;
        private readonly DiagnosticBag diagnostics = new();
        private Dictionary<string, SourceLocation> locations = new(StringComparer.Ordinal);

        // spec.cluster.localRegistry.registry as written (after overrides, before ${VAR} expansion).
        private string? writtenRegistry;

        public DeclarationLoad(ClusterLoadOptions options, string configFile)
        {
            this.options = options;
            this.configFile = configFile;
        }

        private string ConfigDirectory => Path.GetDirectoryName(configFile)!;

        public ClusterDefinition Run()
        {
            var text = File.ReadAllText(configFile);
            var root = YamlModelReader.Parse(configFile, text, diagnostics);
            if (root is null)
            {
                throw new ConfigurationException(diagnostics.Items);
            }

            var origins = new Dictionary<YamlNode, SourceLocation>(ReferenceEqualityComparer.Instance);
            EnvironmentOverrides.Apply(root, EnvironmentOverrides.From(options.Environment), origins, diagnostics);
            EnvironmentOverrides.Apply(root, options.Overrides, origins, diagnostics);

            writtenRegistry = WrittenScalar(root, "spec", "cluster", "localRegistry", "registry");
            var expander = new VariableExpander(name => options.Environment.GetValueOrDefault(name), diagnostics);
            var reader = new YamlModelReader(configFile, diagnostics, expander, origins);
            var declared = reader.Read<KSailClusterConfig>(root);
            locations = reader.Locations;

            CheckHeader(declared);
            CheckSupported(declared);
            WarnAboutFieldsWithoutEffect(declared);
            var timeouts = ReadTimeouts(declared);
            var operationTimeout = ReadDuration(declared.Spec?.Cluster?.Connection?.Timeout, "spec.cluster.connection.timeout");
            CheckCounts(declared);

            var cluster = declared.Spec?.Cluster;
            var distribution = DistributionRegistry.Find(cluster?.Distribution ?? DistributionRegistry.Default.Id);
            var native = distribution is null ? null : LoadNative(distribution, cluster);

            ClusterDefinition? definition = null;
            if (distribution is not null && native is not null)
            {
                definition = Resolve(declared, distribution, native, timeouts, operationTimeout);
            }

            if (diagnostics.HasErrors || definition is null)
            {
                throw new ConfigurationException(diagnostics.Items);
            }

            return definition;
        }

        // A scalar of the document as written, before ${VAR} expansion (null when absent).
        private static string? WrittenScalar(YamlNode root, params string[] path)
        {
            var node = root;
            foreach (var key in path)
            {
                if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
                {
                    return null;
                }

                node = child;
            }

            return (node as YamlScalarNode)?.Value;
        }

        private SourceLocation At(string path) =>
            locations.TryGetValue(path, out var location) ? location : SourceLocation.StartOf(configFile);

        private bool IsSet(string path) => locations.ContainsKey(path);

        private void CheckHeader(KSailClusterConfig declared)
        {
            if (declared.ApiVersion is null)
            {
                diagnostics.Error(SourceLocation.StartOf(configFile), $"apiVersion is missing; add 'apiVersion: {ApiVersion}' at the top");
            }
            else if (declared.ApiVersion != ApiVersion)
            {
                var apiVersion = declared.ApiVersion;
                var hint = DistributionRegistry.All.Any(d => apiVersion.StartsWith(d.Config.ApiVersionGroup, StringComparison.Ordinal))
                    ? "; this looks like a distribution config: point spec.cluster.distributionConfig of a ksail.yaml at it instead"
                    : string.Empty;
                diagnostics.Error(At("apiVersion"), $"apiVersion is '{declared.ApiVersion}', but ksail.yaml must be '{ApiVersion}'{hint}");
            }

            if (declared.Kind is null)
            {
                diagnostics.Error(SourceLocation.StartOf(configFile), $"kind is missing; add 'kind: {Kind}' at the top");
            }
            else if (declared.Kind != Kind)
            {
                diagnostics.Error(At("kind"), $"kind is '{declared.Kind}', but ksail.yaml must be '{Kind}'");
            }
        }

        private void CheckCounts(KSailClusterConfig declared)
        {
            if (declared.Spec?.Cluster?.ControlPlanes is < 1)
            {
                diagnostics.Error(At("spec.cluster.controlPlanes"), "spec.cluster.controlPlanes must be at least 1: a cluster needs a control plane");
            }

            if (declared.Spec?.Cluster?.Workers is < 0)
            {
                diagnostics.Error(At("spec.cluster.workers"), "spec.cluster.workers must be 0 or more");
            }
        }

        private TimeSpan? ReadDuration(string? text, string path)
        {
            if (text is null)
            {
                return null;
            }

            if (GoDuration.TryParse(text, out var value) && value > TimeSpan.Zero)
            {
                return value;
            }

            diagnostics.Error(At(path), $"{path} is '{text}', which is not a duration; write it as Go does, e.g. 90s, 5m or 1h30m");
            return null;
        }

        private PhaseTimeoutValues ReadTimeouts(KSailClusterConfig declared)
        {
            var set = declared.Spec?.Cluster?.Timeouts;
            var d = PhaseTimeoutValues.Defaults;
            return new PhaseTimeoutValues(
                ReadDuration(set?.Provision, "spec.cluster.timeouts.provision") ?? d.Provision,
                ReadDuration(set?.Components, "spec.cluster.timeouts.components") ?? d.Components,
                ReadDuration(set?.Stability, "spec.cluster.timeouts.stability") ?? d.Stability,
                ReadDuration(set?.GitOps, "spec.cluster.timeouts.gitOps") ?? d.GitOps,
                ReadDuration(set?.Teardown, "spec.cluster.timeouts.teardown") ?? d.Teardown,
                set is { ApiServer: null, Nodes: null, DaemonSets: null, ApiConnectivity: null } or null
                    ? null
                    : new StabilityStepTimeouts(
                        ReadDuration(set.ApiServer, "spec.cluster.timeouts.apiServer"),
                        ReadDuration(set.Nodes, "spec.cluster.timeouts.nodes"),
                        ReadDuration(set.DaemonSets, "spec.cluster.timeouts.daemonSets"),
                        ReadDuration(set.ApiConnectivity, "spec.cluster.timeouts.apiConnectivity")));
        }

        private string ExpandHome(string path) =>
            path == "~" ? options.HomeDirectory
            : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(options.HomeDirectory, path[2..])
            : path;

        private string FullPath(string path) => Path.GetFullPath(ExpandHome(path), ConfigDirectory);
    }
}
