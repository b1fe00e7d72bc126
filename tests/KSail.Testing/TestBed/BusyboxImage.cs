namespace KSail.Testing.TestBed;

/// <summary>
/// A one-layer image of Debian's static busybox with its applets linked in /bin (sh, nc, sleep,
/// ...), as the busybox image has them, imported into the local Docker engine only and labelled for
/// the leak guard; remove it with <see cref="RemoveAsync"/>.
/// </summary>
public static class BusyboxImage
{
    /// <summary>Builds the image and returns its tag.</summary>
    public static async Task<string> BuildAsync(CancellationToken ct)
    {
        var tag = $"ksail-test/busybox:{Guid.NewGuid().ToString("N")[..8]}";
        using var scratch = new ScratchDirectory();
        var bin = Directory.CreateDirectory(Path.Combine(scratch.Path, "bin"));
        File.Copy("/bin/busybox", Path.Combine(bin.FullName, "busybox"));
        foreach (var applet in new[] { "sh", "nc", "sleep", "echo", "cat", "true" })
        {
            File.CreateSymbolicLink(Path.Combine(bin.FullName, applet), "busybox");
        }

        await ClusterChecks.RunAsync(
            "bash", ct, "-c", "tar -C \"$1\" -c . | docker import --change 'LABEL io.ksail.test=true' --change 'ENV PATH=/bin' - \"$2\" >/dev/null", "import", scratch.Path, tag).ConfigureAwait(false);
        return tag;
    }

    /// <summary>Removes the image from the local Docker engine.</summary>
    public static Task RemoveAsync(string tag) => ClusterChecks.RunAsync("docker", CancellationToken.None, "rmi", "-f", tag);
}
