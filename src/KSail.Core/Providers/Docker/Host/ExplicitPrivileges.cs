using System.Globalization;
using Docker.DotNet;

namespace KSail.Core.Providers.Docker.Host;

/// <summary>
/// The first host quirk: a host that cannot grant <c>--privileged</c> (its capability bounding set
/// lacks a capability, e.g. CAP_SYS_RESOURCE in some sandboxes, so runc fails with "unable to apply
/// caps"). Node containers then start with what <c>--privileged</c> gives them spelled out: every
/// capability the host has, AppArmor, seccomp and the masked system paths unconfined, every device
/// allowed, <c>/dev/kmsg</c> and a writable cgroup tree.
/// </summary>
/// <remarks>
/// <c>docker info</c> does not tell this quirk, so <see cref="AppliesTo"/> does not read the probe:
/// it is driven by the finding. The first privileged container of a connection tries
/// <c>--privileged</c> once (<see cref="RunAsync"/>); when the engine refuses for capabilities, the
/// container is removed, started again with explicit privileges, and the finding is remembered per
/// engine (endpoint and version) in <c>~/.ksail/cache/docker-explicit-privileges</c>, so later runs
/// skip the failing try. Only the "cannot grant" finding is kept: explicit privileges work on
/// every host, so a stale line costs nothing. The capabilities dropped are those missing from the
/// bounding set of the machine running KSail.NET (<c>/proc/self/status</c>), as before this quirk
/// moved here: right for a local engine; a remote engine's set cannot be read through the API.
/// </remarks>
public sealed class ExplicitPrivileges : IHostQuirk, IDisposable
{
    // Capability names by bit number, as Docker names them (CAP_ prefix dropped).
    private static readonly string[] CapabilityNames =
    [
        "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP", "LINUX_IMMUTABLE",
        "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE",
        "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE",
        "AUDIT_CONTROL", "SETFCAP", "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF",
        "CHECKPOINT_RESTORE",
    ];

    private readonly string engineKey;
    private readonly string memoryPath;
    private readonly IProgress<ProgressEvent>? progress;
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool? privilegedWorks;

    /// <summary>Creates the quirk for one engine.</summary>
    /// <param name="engineKey">Names the engine in the remembered findings (endpoint and version).</param>
    /// <param name="progress">Where the warning goes when the quirk is found.</param>
    /// <param name="memoryPath">The file of remembered findings; default <c>~/.ksail/cache/docker-explicit-privileges</c>.</param>
    public ExplicitPrivileges(string engineKey, IProgress<ProgressEvent>? progress = null, string? memoryPath = null)
    {
        this.engineKey = engineKey;
        this.progress = progress;
        this.memoryPath = memoryPath ?? DefaultMemoryPath;
    }

    /// <summary>Where findings are remembered unless another file is given.</summary>
    public static string DefaultMemoryPath => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ksail", "cache", "docker-explicit-privileges");

    /// <inheritdoc/>
    public string Name => "explicit privileges";

    /// <summary>Whether privileged containers start with explicit privileges (null until the first privileged container starts).</summary>
    public bool? Needed => privilegedWorks is null ? null : !privilegedWorks;

    /// <inheritdoc/>
    /// <remarks>True once found on this connection (by a refused <c>--privileged</c> or a remembered finding); the probe cannot tell.</remarks>
    public bool AppliesTo(HostInfo host) => privilegedWorks == false;

    /// <inheritdoc/>
    public ContainerSpec Adjust(ContainerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!spec.Privileged)
        {
            return spec;
        }

        // What --privileged gives a node, spelled out, less what the host's bounding set lacks.
        return spec with
        {
            Privileged = false,
            CapabilitiesToAdd = ["ALL"],
            CapabilitiesToDrop = MissingCapabilities(),
            SecurityOptions = spec.SecurityOptions.Concat(["apparmor=unconfined", "seccomp=unconfined"]).Distinct(StringComparer.Ordinal).ToList(),
            UnconfinedSystemPaths = true,
            DeviceCgroupRules = ["a *:* rwm"],
            Devices = spec.Devices.Concat(["/dev/kmsg"]).Distinct(StringComparer.Ordinal).ToList(), // with what other quirks added (/dev/fuse)
            Mounts = [.. spec.Mounts, new ContainerMount(MountKind.Bind, "/sys/fs/cgroup", "/sys/fs/cgroup")],
        };
    }

    /// <summary>
    /// Starts <paramref name="spec"/> with <paramref name="start"/>: a privileged spec with
    /// <c>--privileged</c> until this host is found to refuse it, with explicit privileges after.
    /// The first privileged container finds out (one at a time); a refused one is removed with
    /// <paramref name="remove"/> before it starts again.
    /// </summary>
    public async Task<string> RunAsync(ContainerSpec spec, Func<ContainerSpec, CancellationToken, Task<string>> start, Func<string, CancellationToken, Task> remove, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(remove);
        if (!spec.Privileged)
        {
            return await start(spec, ct).ConfigureAwait(false);
        }

        if (privilegedWorks is { } known)
        {
            return await start(known ? spec : Adjust(spec), ct).ConfigureAwait(false);
        }

        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (privilegedWorks is { } decided)
            {
                return await start(decided ? spec : Adjust(spec), ct).ConfigureAwait(false);
            }

            // An earlier run on this engine found that it cannot grant --privileged: skip the failing try.
            if (Remembered())
            {
                privilegedWorks = false;
                Report();
                return await start(Adjust(spec), ct).ConfigureAwait(false);
            }

            try
            {
                var id = await start(spec, ct).ConfigureAwait(false);
                privilegedWorks = true;
                return id;
            }
            catch (DockerApiException ex) when (IsCapabilityFailure(ex))
            {
                await remove(spec.Name, ct).ConfigureAwait(false);
                privilegedWorks = false;
                Remember();
                Report();
                return await start(Adjust(spec), ct).ConfigureAwait(false);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Whether an earlier run found that this engine cannot grant <c>--privileged</c>.</summary>
    public bool Remembered()
    {
        try
        {
            return File.Exists(memoryPath) && File.ReadLines(memoryPath).Contains(engineKey, StringComparer.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The capabilities missing from this machine's bounding set (SYS_RESOURCE when it cannot be read or lacks none).</summary>
    public static IReadOnlyList<string> MissingCapabilities()
    {
        try
        {
            return MissingCapabilities(File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("CapBnd:", StringComparison.Ordinal)));
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return ["SYS_RESOURCE"];
    }

    /// <summary>The capabilities a <c>CapBnd:</c> line of <c>/proc/self/status</c> lacks (SYS_RESOURCE when the line is missing or lacks none).</summary>
    public static IReadOnlyList<string> MissingCapabilities(string? boundingLine)
    {
        if (boundingLine is not null
            && boundingLine.StartsWith("CapBnd:", StringComparison.Ordinal)
            && ulong.TryParse(boundingLine["CapBnd:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var bounding))
        {
            var missing = CapabilityNames.Where((_, bit) => (bounding & (1UL << bit)) == 0).ToList();
            if (missing.Count > 0)
            {
                return missing;
            }
        }

        return ["SYS_RESOURCE"];
    }

    /// <summary>Whether the engine refused a container for capabilities it cannot grant.</summary>
    public static bool IsCapabilityFailure(DockerApiException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var body = ex.ResponseBody ?? string.Empty;
        return body.Contains("apply caps", StringComparison.OrdinalIgnoreCase)
            || (body.Contains("operation not permitted", StringComparison.OrdinalIgnoreCase) && body.Contains("cap", StringComparison.OrdinalIgnoreCase));
    }

    /// <inheritdoc/>
    public void Dispose() => gate.Dispose();

    private void Remember()
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(memoryPath)!);
            File.AppendAllLines(memoryPath, [engineKey]);
        }
        catch (IOException)
        {
            // Not remembered: the next run tries --privileged once more.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    private void Report() =>
        progress?.Report(new ProgressEvent(
            "create nodes",
            $"this Docker host cannot grant --privileged (its capability bounding set lacks {string.Join(", ", MissingCapabilities())}); nodes start with the equivalent explicit capabilities, devices and security options instead",
            ProgressLevel.Warning));
}
