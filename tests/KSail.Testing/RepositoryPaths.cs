namespace KSail.Testing;

/// <summary>Where the repository and the shared upstream data are, found from the test assembly's location.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KSail.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"KSail.sln was not found above {AppContext.BaseDirectory}");
    });

    /// <summary>The repository root (the directory of KSail.sln).</summary>
    public static string Root => RootPath.Value;

    /// <summary>The upstream data files (kind, k3d and KSail configs, CRDs), in <c>../shared/testdata/upstream</c> beside the repository.</summary>
    public static string Upstream
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "testdata", "upstream"));
            return Directory.Exists(path)
                ? path
                : throw new InvalidOperationException($"The upstream test data is missing: {path} (it comes with the shared/ folder beside the repository)");
        }
    }

    /// <summary>A file of the upstream data, e.g. <c>kind/multi-node-ha.yaml</c>.</summary>
    public static string UpstreamFile(string relative) => Path.Combine(Upstream, relative);
}
