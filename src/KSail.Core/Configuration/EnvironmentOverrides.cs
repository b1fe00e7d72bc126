using System.Reflection;
using KSail.Core.Configuration.Model;
using KSail.Core.Configuration.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KSail.Core.Configuration;

/// <summary>Maps <c>KSAIL_*</c> environment variables to ksail.yaml paths, as KSail binds them.</summary>
public static class EnvironmentOverrides
{
    /// <summary>The prefix of every variable.</summary>
    public const string Prefix = "KSAIL_";

    // KSail's explicit bindings, kept so its users' variables keep working.
    private static readonly Dictionary<string, string> KSailAliases = new(StringComparer.Ordinal)
    {
        ["KSAIL_SPEC_DISTRIBUTION"] = ClusterFields.Distribution,
        ["KSAIL_SPEC_SOURCEDIRECTORY"] = "spec.workload.sourceDirectory",
        ["KSAIL_SPEC_CONNECTION_CONTEXT"] = ClusterFields.Context,
        ["KSAIL_SPEC_CONNECTION_KUBECONFIG"] = ClusterFields.Kubeconfig,
        ["KSAIL_SPEC_CONNECTION_TIMEOUT"] = ClusterFields.Timeout,
        ["KSAIL_SPEC_CLUSTER_KUBERNETES_VERSION"] = "spec.cluster.kubernetesVersion",
    };

    private static readonly Lazy<IReadOnlyDictionary<string, string>> PathsByVariable = new(BuildTable);

    /// <summary>Every variable understood, with the ksail.yaml path it sets.</summary>
    public static IReadOnlyDictionary<string, string> Variables => PathsByVariable.Value;

    /// <summary>The overrides set by <paramref name="environment"/>, in a stable order.</summary>
    public static IReadOnlyList<ConfigOverride> From(IEnumerable<KeyValuePair<string, string?>> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment
            .Where(kv => kv.Value is not null && kv.Key.StartsWith(Prefix, StringComparison.Ordinal) && Variables.ContainsKey(kv.Key))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new ConfigOverride(Variables[kv.Key], kv.Value!, SourceLocation.FromEnvironment(kv.Key)))
            .ToList();
    }

    /// <summary>The variable that sets a path by the automatic rule (<c>spec.cluster.cni</c> → <c>KSAIL_SPEC_CLUSTER_CNI</c>).</summary>
    public static string VariableFor(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Prefix + path.Replace('.', '_').ToUpperInvariant();
    }

    private static Dictionary<string, string> BuildTable()
    {
        var table = new Dictionary<string, string>(KSailAliases, StringComparer.Ordinal);
        foreach (var path in ScalarPaths(typeof(KSailClusterConfig), string.Empty))
        {
            table.TryAdd(VariableFor(path), path);
        }

        return table;
    }

    private static IEnumerable<string> ScalarPaths(Type type, string prefix)
    {
        foreach (var (name, property) in YamlModelReader.FieldsOf(type))
        {
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            var t = property.PropertyType;
            if (YamlModelReader.IsScalar(t))
            {
                yield return path;
            }
            else if (t.IsClass && !t.IsGenericType && t != typeof(object))
            {
                foreach (var nested in ScalarPaths(t, path))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>Whether <paramref name="path"/> names a scalar field of ksail.yaml.</summary>
    internal static bool IsScalarPath(string path)
    {
        Type type = typeof(KSailClusterConfig);
        foreach (var segment in path.Split('.'))
        {
            if (!YamlModelReader.FieldsOf(type).TryGetValue(segment, out PropertyInfo? property))
            {
                return false;
            }

            type = property.PropertyType;
        }

        return YamlModelReader.IsScalar(type);
    }

    /// <summary>Writes the overrides into the parsed document, remembering where each value came from.</summary>
    internal static void Apply(
        YamlMappingNode root,
        IEnumerable<ConfigOverride> overrides,
        Dictionary<YamlNode, SourceLocation> origins,
        DiagnosticBag diagnostics)
    {
        foreach (var item in overrides)
        {
            if (!IsScalarPath(item.Path))
            {
                diagnostics.Error(item.Origin, $"'{item.Path}' is not a setting of ksail.yaml that takes a single value");
                continue;
            }

            var segments = item.Path.Split('.');
            var node = root;
            foreach (var segment in segments[..^1])
            {
                var key = new YamlScalarNode(segment);
                if (!node.Children.TryGetValue(key, out var child) || child is not YamlMappingNode mapping)
                {
                    mapping = new YamlMappingNode();
                    origins[mapping] = item.Origin;
                    origins[key] = item.Origin;
                    node.Children[key] = mapping;
                }

                node = mapping;
            }

            var value = new YamlScalarNode(item.Value) { Style = ScalarStyle.DoubleQuoted };
            origins[value] = item.Origin;
            var leaf = new YamlScalarNode(segments[^1]);
            origins[leaf] = item.Origin;
            node.Children[leaf] = value;
        }
    }
}
