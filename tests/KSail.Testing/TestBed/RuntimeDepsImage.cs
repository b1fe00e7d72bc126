namespace KSail.Testing.TestBed;

/// <summary>
/// The test bed's stand-in for <c>mcr.microsoft.com/dotnet/runtime-deps</c> (which cannot be pulled
/// here): a one-layer linux/amd64 image holding what a self-contained .NET app with
/// <c>InvariantGlobalization</c> needs to start (the dynamic loader, libc, libm, libdl, libpthread,
/// librt, libstdc++ and libgcc_s, copied from this Debian x64 host) and a <c>/tmp</c>, imported into the
/// local Docker engine only and labelled for the leak guard; remove it with <see cref="RemoveAsync"/>.
/// </summary>
public static class RuntimeDepsImage
{
    private const string LibraryDirectory = "/lib/x86_64-linux-gnu";

    private static readonly string[] Libraries =
    [
        "ld-linux-x86-64.so.2", "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libstdc++.so.6", "libgcc_s.so.1",
    ];

    /// <summary>Builds the image and returns its tag.</summary>
    public static async Task<string> BuildAsync(CancellationToken ct)
    {
        var tag = $"ksail-test/runtime-deps:{Guid.NewGuid().ToString("N")[..8]}";
        using var scratch = new ScratchDirectory();
        var lib = Directory.CreateDirectory(Path.Combine(scratch.Path, LibraryDirectory.TrimStart('/')));
        foreach (var library in Libraries)
        {
            // File.Copy reads through the host's symbolic links (libstdc++.so.6 -> libstdc++.so.6.0.30).
            File.Copy(Path.Combine(LibraryDirectory, library), Path.Combine(lib.FullName, library));
        }

        // The loader where the ELF interpreter of x64 binaries names it.
        var lib64 = Directory.CreateDirectory(Path.Combine(scratch.Path, "lib64"));
        File.CreateSymbolicLink(Path.Combine(lib64.FullName, "ld-linux-x86-64.so.2"), $"{LibraryDirectory}/ld-linux-x86-64.so.2");
        Directory.CreateDirectory(Path.Combine(scratch.Path, "tmp"));
        await ClusterChecks.RunAsync(
            "bash", ct, "-c", "chmod 1777 \"$1/tmp\" && tar --numeric-owner -C \"$1\" -c . | docker import --change 'LABEL io.ksail.test=true' --change 'ENV HOME=/tmp' - \"$2\" >/dev/null", "import", scratch.Path, tag).ConfigureAwait(false);
        return tag;
    }

    /// <summary>Removes the image (and any other names given) from the local Docker engine.</summary>
    public static Task RemoveAsync(params string[] names) => ClusterChecks.RunAsync("docker", CancellationToken.None, ["rmi", "-f", .. names]);
}
