// Writes the surfaces generated from the field table (ClusterFields.All in KSail.Core): Cake's and
// NUKE's KSailClusterSettings properties, their With…/Set…/Reset… helpers and the mapping onto
// ksail.yaml paths, and the MSBuild properties of KSail.Build.Tasks. Run by build/cluster-fields.sh;
// with --check it only compares and exits 1 when a file is not current.
using KSail.ClusterFieldsGenerator;
using KSail.Core.Configuration;

var check = args.Contains("--check");
var rest = args.Where(a => a != "--check").ToArray();
if (rest.Length != 1)
{
    Console.Error.WriteLine("usage: cluster-fields <repository root> [--check]");
    return 2;
}

var stale = 0;
foreach (var file in FieldSurfaces.Render(ClusterFields.All))
{
    var path = Path.Combine(rest[0], file.Path);
    var current = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
    if (current == file.Text)
    {
        continue;
    }

    if (check)
    {
        Console.Error.WriteLine($"{file.Path} is not what the field table gives: run build/cluster-fields.sh");
        stale++;
        continue;
    }

    File.WriteAllText(path, file.Text);
    Console.WriteLine($"wrote {file.Path}");
}

return stale == 0 ? 0 : 1;
