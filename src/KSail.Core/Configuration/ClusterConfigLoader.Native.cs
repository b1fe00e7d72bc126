using KSail.Core.Configuration.Yaml;
using KSail.Core.Distributions;

namespace KSail.Core.Configuration;

/// <content>Loading the native distribution config (kind.yaml, k3d.yaml) through its distribution.</content>
public static partial class ClusterConfigLoader
{
    private sealed partial class DeclarationLoad
    {
        private NativeConfigContext Context => new(diagnostics, configFile, At, options.Environment);

        private NativeConfig? LoadNative(IDistribution distribution, Model.ClusterSpec? cluster)
        {
            var format = distribution.Config;
            var given = cluster?.DistributionConfig;
            var path = FullPath(given ?? format.DefaultFile);
            if (!File.Exists(path))
            {
                if (given is null)
                {
                    // As kind and k3d do without --config: the distribution's defaults.
                    return new NativeConfig(format.Defaults(), null, new Dictionary<string, SourceLocation>(StringComparer.Ordinal));
                }

                var what = Directory.Exists(path) ? "is a directory, not a file" : "does not exist";
                diagnostics.Error(
                    At("spec.cluster.distributionConfig"),
                    $"spec.cluster.distributionConfig points at {path}, which {what}; create it, fix the path, or remove the field to use {format.DefaultFile} or the distribution's defaults");
                return null;
            }

            var more = new List<YamlDotNet.RepresentationModel.YamlMappingNode>();
            var root = YamlModelReader.Parse(path, File.ReadAllText(path), diagnostics, more);
            if (root is null)
            {
                return null;
            }

            var reader = new YamlModelReader(path, diagnostics);
            var header = reader.Read<NativeHeader>(new YamlDotNet.RepresentationModel.YamlMappingNode(
                root.Children.Where(kv => kv.Key is YamlDotNet.RepresentationModel.YamlScalarNode { Value: "apiVersion" or "kind" })));
            if (!CheckNativeHeader(header, reader.Locations, path, distribution))
            {
                return null;
            }

            reader = new YamlModelReader(path, diagnostics);
            var yaml = new NativeYaml(reader, root, more);
            var model = format.Read(yaml);
            if (more.Count > 0 && !yaml.MoreRead)
            {
                // kind.yaml and k3d.yaml hold one document; a format that reads more (kwokctl's) says so by reading them.
                diagnostics.Error(
                    new SourceLocation(path, (int)more[0].Start.Line, (int)more[0].Start.Column),
                    "the file holds more than one YAML document; keep one cluster declaration per file");
                return null;
            }

            var native = new NativeConfig(model, path, reader.Locations);
            format.Fields.Warn(native.Locations, Path.GetFileName(path), diagnostics.Warning);
            format.Check(native, Context);
            return native;
        }

        private bool CheckNativeHeader(NativeHeader header, Dictionary<string, SourceLocation> where, string file, IDistribution expected)
        {
            var (apiVersion, kind, tool) = (expected.Config.ApiVersion, expected.Config.Kind, expected.Tool);
            var at = where.GetValueOrDefault("apiVersion") ?? SourceLocation.StartOf(file);
            var actual = header.ApiVersion;
            if (actual is null)
            {
                diagnostics.Error(SourceLocation.StartOf(file), $"apiVersion is missing; the {expected.Id} distribution needs a {tool} config with 'apiVersion: {apiVersion}'");
                return false;
            }

            if (actual == apiVersion)
            {
                if (header.Kind != kind)
                {
                    diagnostics.Error(
                        where.GetValueOrDefault("kind") ?? SourceLocation.StartOf(file),
                        $"kind is '{header.Kind}', but a {tool} config with {apiVersion} must be 'kind: {kind}'");
                    return false;
                }

                return true;
            }

            var other = DistributionRegistry.All.FirstOrDefault(d => actual.StartsWith(d.Config.ApiVersionGroup, StringComparison.Ordinal));
            var message = other is not null && other == expected
                ? $"apiVersion is '{actual}', an older {tool} config version; KSail.NET reads {apiVersion} (convert it{expected.Config.ConvertHint})"
                : actual == ApiVersion
                    ? $"this is a ksail.yaml, not a {tool} config; point spec.cluster.distributionConfig at a {tool} config ({apiVersion})"
                    : other is not null
                        ? $"this is a {other.Tool} config ({actual}), but the distribution is {expected.Id}, which needs a {tool} config ({apiVersion}); set spec.cluster.distribution to {other.Id}, or point spec.cluster.distributionConfig at a {tool} config"
                        : $"apiVersion is '{actual}', but the {expected.Id} distribution needs a {tool} config with apiVersion {apiVersion}";
            diagnostics.Error(at, message);
            return false;
        }
    }

    /// <summary>The two fields every native config starts with.</summary>
    private sealed class NativeHeader
    {
        [System.Text.Json.Serialization.JsonPropertyName("apiVersion")]
        public string? ApiVersion { get; set; }

        [System.Text.Json.Serialization.JsonPropertyName("kind")]
        public string? Kind { get; set; }
    }
}
