using System.Globalization;
using KSail.Core.Configuration.Yaml;
using YamlDotNet.RepresentationModel;

namespace KSail.Core.Configuration;

/// <summary>
/// The YAML of a native config, for its distribution to read into its own model: the first document,
/// and the documents after it in a multi-document file (kwokctl's kwok.yaml holds Stages beside its
/// configuration). A document after the first that the distribution does not read is refused by the loader.
/// </summary>
public sealed class NativeYaml
{
    private readonly YamlModelReader reader;
    private readonly YamlMappingNode root;
    private readonly IReadOnlyList<YamlMappingNode> more;

    internal NativeYaml(YamlModelReader reader, YamlMappingNode root, IReadOnlyList<YamlMappingNode>? more = null)
    {
        this.reader = reader;
        this.root = root;
        this.more = more ?? [];
    }

    /// <summary>How many documents follow the first.</summary>
    public int More => more.Count;

    /// <summary>Whether the documents after the first were read (<see cref="ReadMore{T}"/>).</summary>
    internal bool MoreRead { get; private set; }

    /// <summary>Reads the whole document into <typeparamref name="T"/>; unknown fields and bad values are reported with their file, line and column.</summary>
    public T Read<T>()
        where T : class, new() => reader.Read<T>(root);

    /// <summary>
    /// Reads document <paramref name="index"/> after the first (0 for the file's second document) into
    /// <typeparamref name="T"/>, as <see cref="Read{T}"/> does; its values' paths start with
    /// <c>documents[N]</c>, N counting the file's documents from 0.
    /// </summary>
    public T ReadMore<T>(int index)
        where T : class, new()
    {
        MoreRead = true;
        return reader.Read<T>(more[index], DocumentPath(index));
    }

    /// <summary>The YAML text of document <paramref name="index"/> after the first, as a document of its own.</summary>
    public string MoreText(int index)
    {
        var stream = new YamlStream(new YamlDocument(more[index]));
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    /// <summary>The path the values of document <paramref name="index"/> after the first start with.</summary>
    public static string DocumentPath(int index) => string.Create(CultureInfo.InvariantCulture, $"documents[{index + 1}]");
}
