using KSail.Core.Configuration.Yaml;
using YamlDotNet.RepresentationModel;

namespace KSail.Core.Configuration;

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
