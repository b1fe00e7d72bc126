using System.Globalization;
using System.Text.RegularExpressions;

namespace KSail.Core.Images;

/// <summary>
/// What an image import needs from a node's containerd config (TOML): the snapshotter the CRI plugin
/// unpacks into, found where the config's version puts it, as kind's <c>nodeutils.parseSnapshotter</c>
/// reads it (kind <c>pkg/cluster/nodeutils/util.go</c>): version 2 under
/// <c>[plugins."io.containerd.grpc.v1.cri".containerd]</c>, versions 3 and 4 under
/// <c>[plugins."io.containerd.cri.v1.images"]</c>.
/// </summary>
internal static partial class ContainerdConfig
{
    private const string Version2Table = "plugins.\"io.containerd.grpc.v1.cri\".containerd";
    private const string Version3Table = "plugins.\"io.containerd.cri.v1.images\"";

    /// <summary>The snapshotter <paramref name="config"/> sets for the CRI plugin.</summary>
    /// <exception cref="FormatException">The config has no version kind knows, or sets no snapshotter where its version puts it.</exception>
    public static string Snapshotter(string config)
    {
        ArgumentNullException.ThrowIfNull(config);
        int? version = null;
        var table = string.Empty;
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in config.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '[')
            {
                // A table header: [a."b.c".d] (spaces around the dots are allowed in TOML, and literal 'keys').
                table = WhiteSpace().Replace(line.Trim('[', ']'), string.Empty).Replace('\'', '"');
                continue;
            }

            var key = KeyValue().Match(line);
            if (!key.Success)
            {
                continue;
            }

            var name = key.Groups["key"].Value;
            var value = key.Groups["value"].Value.Trim().Trim('"', '\'');
            if (table.Length == 0 && name == "version" && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            {
                version = v;
            }
            else if (name == "snapshotter")
            {
                found[table] = value;
            }
        }

        var where = version switch
        {
            2 => Version2Table,
            3 or 4 => Version3Table,
            null => throw new FormatException("the node's containerd config names no version"),
            _ => throw new FormatException($"the node's containerd config has version {version}; versions 2, 3 and 4 are known"),
        };
        return found.TryGetValue(where, out var snapshotter) && snapshotter.Length > 0
            ? snapshotter
            : throw new FormatException($"the node's containerd config (version {version}) sets no snapshotter under [{where}]");
    }

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"^(?<key>[A-Za-z0-9_-]+)\s*=\s*(?<value>[^#]*)", RegexOptions.CultureInvariant)]
    private static partial Regex KeyValue();
}
