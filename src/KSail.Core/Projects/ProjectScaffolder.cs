using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;

using KSail.Core.Distributions;

namespace KSail.Core.Projects;

/// <summary>Creates a new project: ksail.yaml, the distribution's native config, its schema and an empty source directory.</summary>
public static class ProjectScaffolder
{
    /// <summary>Where the schema is written, relative to the project directory.</summary>
    public const string SchemaPath = ".ksail/ksail.schema.json";

    /// <summary>Writes the project and returns the paths written. Nothing is written when a file exists and <see cref="ProjectInitOptions.Force"/> is off.</summary>
    /// <exception cref="ProjectExistsException">A file exists and overwriting was not allowed.</exception>
    public static IReadOnlyList<string> Init(ProjectInitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Supported.Distributions.Contains(options.Distribution))
        {
            throw new ArgumentException(
                $"KSail.NET cannot create {options.Distribution} clusters yet; supported today: {string.Join(", ", Supported.Distributions)}",
                nameof(options));
        }

        var format = DistributionRegistry.For(options.Distribution).Config;
        var nativeFile = format.DefaultFile;
        var name = options.Name ?? format.DefaultName;
        var native = format.Template(name, options.Workers);

        // A native config with no place for the node count (kwok.yaml: the fake nodes are ksail.yaml's workers) gets
        // the count in ksail.yaml instead, so --workers is never dropped.
        var workersInKSailYaml = options.Workers > 0 && native == format.Template(name, 0) ? options.Workers : (int?)null;
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ClusterConfigLoader.FileName] = KSailYaml(options.Distribution, nativeFile, workersInKSailYaml),
            [nativeFile] = native,
            [SchemaPath] = ClusterConfigSchema.Generate(),
        };

        var existing = files.Keys
            .Where(f => File.Exists(Path.Combine(options.Directory, f)))
            .ToList();
        if (existing.Count > 0 && !options.Force)
        {
            throw new ProjectExistsException(existing);
        }

        var written = new List<string>();
        foreach (var (relative, content) in files)
        {
            var path = Path.Combine(options.Directory, relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
            written.Add(path);
        }

        var source = Path.Combine(options.Directory, "k8s");
        System.IO.Directory.CreateDirectory(source);
        written.Add(source + Path.DirectorySeparatorChar);
        return written;
    }

    private static string KSailYaml(Distribution distribution, string nativeFile, int? workers) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"""
        # yaml-language-server: $schema={SchemaPath}
        apiVersion: {ClusterConfigLoader.ApiVersion}
        kind: {ClusterConfigLoader.Kind}
        spec:
          cluster:
            distribution: {distribution}
            distributionConfig: {nativeFile}{(workers is { } count ? $"\n    workers: {count}" : string.Empty)}
          workload:
            sourceDirectory: k8s

        """);
}
