using Tomlyn;
using Tomlyn.Model;

namespace KSail.Core.Images;

/// <summary>
/// What an image import needs from a node's containerd config (TOML): the snapshotter the CRI plugin
/// unpacks into, found where the config's version puts it, as kind's <c>nodeutils.parseSnapshotter</c>
/// reads it (kind <c>pkg/cluster/nodeutils/util.go</c>): version 2 under
/// <c>[plugins."io.containerd.grpc.v1.cri".containerd]</c>, versions 3 and 4 under
/// <c>[plugins."io.containerd.cri.v1.images"]</c>.
/// </summary>
internal static class ContainerdSnapshotter
{
    private static readonly string[] Version2Table = ["plugins", "io.containerd.grpc.v1.cri", "containerd"];
    private static readonly string[] Version3Table = ["plugins", "io.containerd.cri.v1.images"];

    /// <summary>The snapshotter <paramref name="config"/> sets for the CRI plugin.</summary>
    /// <exception cref="FormatException">The config is not TOML, has no version kind knows, or sets no snapshotter where its version puts it.</exception>
    public static string Read(string config)
    {
        ArgumentNullException.ThrowIfNull(config);
        TomlTable root;
        try
        {
            root = TomlSerializer.Deserialize<TomlTable>(config) ?? new TomlTable();
        }
        catch (TomlException ex)
        {
            throw new FormatException($"the node's containerd config is not TOML: {ex.Message}", ex);
        }

        var version = root.TryGetValue("version", out var v) && v is long number ? number : (long?)null;
        var where = version switch
        {
            2 => Version2Table,
            3 or 4 => Version3Table,
            null => throw new FormatException("the node's containerd config names no version"),
            _ => throw new FormatException($"the node's containerd config has version {version}; versions 2, 3 and 4 are known"),
        };
        var table = where.Aggregate((TomlTable?)root, (t, key) => t is not null && t.TryGetValue(key, out var next) ? next as TomlTable : null);
        return table is not null && table.TryGetValue("snapshotter", out var value) && value is string { Length: > 0 } snapshotter
            ? snapshotter
            : throw new FormatException($"the node's containerd config (version {version}) sets no snapshotter under [{string.Join('.', where.Select((k, i) => i == 0 ? k : $"\"{k}\""))}]");
    }
}
