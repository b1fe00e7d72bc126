using KSail.Core.Configuration.Yaml;
using YamlDotNet.RepresentationModel;

namespace KSail.Core.Configuration;

/// <summary>A distribution's native config (kind.yaml, k3d.yaml) as read, with where its values are.</summary>
/// <param name="Model">The typed config (the distribution's own model), or its defaults when no file exists.</param>
/// <param name="File">The file it was read from (full path), or null for the defaults.</param>
/// <param name="Locations">Where each value is, by its dotted path.</param>
public sealed record NativeConfig(object Model, string? File, IReadOnlyDictionary<string, SourceLocation> Locations)
{
    /// <summary>Where <paramref name="path"/> is declared; else the file's start; else <paramref name="fallback"/>.</summary>
    public SourceLocation At(string path, SourceLocation fallback) =>
        Locations.TryGetValue(path, out var location) ? location : File is null ? fallback : SourceLocation.StartOf(File);
}

/// <summary>The YAML of a native config, for its distribution to read into its own model.</summary>
public sealed class NativeYaml
{
    private readonly YamlModelReader reader;
    private readonly YamlMappingNode root;

    internal NativeYaml(YamlModelReader reader, YamlMappingNode root)
    {
        this.reader = reader;
        this.root = root;
    }

    /// <summary>Reads the whole document into <typeparamref name="T"/>; unknown fields and bad values are reported with their file, line and column.</summary>
    public T Read<T>()
        where T : class, new() => reader.Read<T>(root);
}

/// <summary>
/// What a distribution's native config rules need of the load they run in: where ksail.yaml's values
/// are, the environment, and the one place every problem is reported (all of them together, each with
/// its file, line and column).
/// </summary>
public sealed class NativeConfigContext
{
    private readonly DiagnosticBag diagnostics;
    private readonly Func<string, SourceLocation> at;

    internal NativeConfigContext(DiagnosticBag diagnostics, string configFile, Func<string, SourceLocation> at, IReadOnlyDictionary<string, string?> environment)
    {
        this.diagnostics = diagnostics;
        this.at = at;
        ConfigFile = configFile;
        Environment = environment;
    }

    /// <summary>The ksail.yaml (full path).</summary>
    public string ConfigFile { get; }

    /// <summary>The environment the declaration is loaded with (the tools' own variables, e.g. K3D_IMAGE_LOADBALANCER).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>Where the ksail.yaml value at <paramref name="ksailPath"/> is (the file's start when it is not set).</summary>
    public SourceLocation At(string ksailPath) => at(ksailPath);

    /// <summary>Where <paramref name="path"/> of the native config is (else its start, else ksail.yaml's).</summary>
    public SourceLocation At(NativeConfig native, string path)
    {
        ArgumentNullException.ThrowIfNull(native);
        return native.At(path, SourceLocation.StartOf(ConfigFile));
    }

    /// <summary>Records an error.</summary>
    public void Error(SourceLocation location, string message) => diagnostics.Error(location, message);

    /// <summary>Records a warning.</summary>
    public void Warning(SourceLocation location, string message) => diagnostics.Warning(location, message);

    /// <summary>
    /// A node count ksail.yaml sets (<paramref name="declared"/>, at <paramref name="ksailPath"/>) must
    /// agree with the one the native config declares (<paramref name="actual"/> <paramref name="nativeWhat"/> at <paramref name="nativePath"/>).
    /// </summary>
    public void CheckCount(int? declared, int actual, string ksailPath, string nativeWhat, NativeConfig native, string nativePath)
    {
        ArgumentNullException.ThrowIfNull(native);
        if (declared is { } wanted && wanted != actual)
        {
            Error(
                At(ksailPath),
                $"{ksailPath} is {wanted}, but {Path.GetFileName(native.File)} declares {actual} {nativeWhat} ({At(native, nativePath)}); make them agree, or leave {ksailPath} unset so the native config decides");
        }
    }
}
