namespace KSail.Testing;

/// <summary>A fresh directory for one test, removed when disposed.</summary>
public sealed class ScratchDirectory : IDisposable
{
    /// <summary>Creates the directory under the system's temp directory.</summary>
    public ScratchDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ksail-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    /// <summary>The directory's full path.</summary>
    public string Path { get; }

    /// <summary>Writes a file (creating its directory) and returns its full path.</summary>
    public string Write(string relative, string content)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    /// <summary>Copies a file of the upstream data into the directory under <paramref name="relative"/>.</summary>
    public string CopyUpstream(string upstream, string relative)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.Copy(RepositoryPaths.UpstreamFile(upstream), full, overwrite: true);
        return full;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A scratch directory that cannot be removed now is left to the temp cleaner.
        }
    }
}
