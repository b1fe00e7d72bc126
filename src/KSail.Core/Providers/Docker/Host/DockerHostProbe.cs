using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace KSail.Core.Providers.Docker.Host;

/// <summary>
/// Reads a Docker host's <see cref="HostInfo"/> from the engine: <c>docker info</c> (cgroup
/// version and limits, security options, storage driver and its backing file system, proxies,
/// operating system) and the default bridge
/// network's MTU option, as kind's docker provider reads its <c>ProviderInfo</c>
/// (<c>pkg/cluster/internal/providers/docker/provider.go</c>, <c>Info()</c>, and <c>network.go</c> for the MTU).
/// </summary>
public static class DockerHostProbe
{
    /// <summary>The bridge network option that holds its MTU (set by the daemon's <c>mtu</c> setting).</summary>
    public const string MtuOption = "com.docker.network.driver.mtu";

    /// <summary>What Docker Desktop reports as the operating system of its VM.</summary>
    public const string DockerDesktopOperatingSystem = "Docker Desktop";

    /// <summary>Asks the engine once; the MTU is left out when the default bridge cannot be inspected.</summary>
    public static async Task<HostInfo> ReadAsync(DockerEngine engine, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var info = await engine.Client.System.GetSystemInfoAsync(ct).ConfigureAwait(false);
        NetworkResponse? bridge;
        try
        {
            bridge = await engine.Client.Networks.InspectNetworkAsync("bridge", ct).ConfigureAwait(false);
        }
        catch (DockerNetworkNotFoundException)
        {
            bridge = null;
        }
        catch (DockerApiException)
        {
            bridge = null;
        }

        return Read(info, bridge, engine.Endpoint);
    }

    /// <summary>The host as <paramref name="info"/> (<c>GET /info</c>) and <paramref name="bridge"/> (<c>GET /networks/bridge</c>) describe it, the engine being at <paramref name="endpoint"/>.</summary>
    public static HostInfo Read(SystemInfoResponse info, NetworkResponse? bridge, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(endpoint);

        // The engine lists its security options as "name=<option>[,key=value...]" (Engine API,
        // SystemInfo.SecurityOptions: name=apparmor, name=seccomp,profile=default, name=selinux,
        // name=userns, name=rootless, name=cgroupns); kind tells rootless from "name=rootless".
        var options = (info.SecurityOptions ?? [])
            .Select(o => o.Split(',')[0])
            .Where(o => o.StartsWith("name=", StringComparison.Ordinal))
            .Select(o => o["name=".Length..])
            .ToHashSet(StringComparer.Ordinal);
        var desktop = string.Equals(info.OperatingSystem, DockerDesktopOperatingSystem, StringComparison.Ordinal);
        return new HostInfo
        {
            CgroupVersion = int.TryParse(info.CgroupVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var cgroup) ? cgroup : 0,
            Rootless = options.Contains("rootless"),
            UserNamespaceRemap = options.Contains("userns"),
            StorageDriver = info.Driver ?? string.Empty,
            BackingFilesystem = BackingFilesystemOf(info),

            // kind's info(): with no cgroup driver the engine's limit flags mean nothing (moby/moby#42151).
            CgroupLimitsDelegated = !string.Equals(info.CgroupDriver, "none", StringComparison.Ordinal) && info.MemoryLimit && info.PidsLimit && info.CPUShares,
            BridgeMtu = bridge?.Options is { } bridgeOptions
                && bridgeOptions.TryGetValue(MtuOption, out var mtu)
                && int.TryParse(mtu, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                && value > 0
                    ? value
                    : null,
            HttpProxy = Empty(info.HTTPProxy),
            HttpsProxy = Empty(info.HTTPSProxy),
            NoProxy = Empty(info.NoProxy),
            OperatingSystem = info.OperatingSystem ?? string.Empty,
            KernelVersion = info.KernelVersion ?? string.Empty,
            DockerDesktop = desktop,
            SharesFileSystem = !desktop && endpoint.Scheme == "unix",
        };
    }

    /// <summary>The "Backing Filesystem" of the storage driver's status (<c>[["Backing Filesystem","extfs"],["Supports d_type","true"]]</c>), or empty.</summary>
    private static string BackingFilesystemOf(SystemInfoResponse info) =>
        (info.DriverStatus ?? [])
            .Where(pair => pair is { Length: >= 2 } && string.Equals(pair[0], "Backing Filesystem", StringComparison.Ordinal))
            .Select(pair => pair[1])
            .FirstOrDefault() ?? string.Empty;

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
