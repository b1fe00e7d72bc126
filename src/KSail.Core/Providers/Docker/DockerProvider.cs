using Docker.DotNet;
using KSail.Core.Configuration.Model;
using KSail.Core.Providers.Docker.Host;

namespace KSail.Core.Providers.Docker;

/// <summary>
/// The Docker provider: networks, containers, published ports, volumes, exec, file copy, logs and
/// images on a Docker engine. It knows nothing about Kubernetes. Every resource it creates carries
/// the labels it is given; listing and removal work from labels alone. The host it runs on is read
/// once (<see cref="HostAsync"/>) and its quirks adjust every container spec in one place
/// (<see cref="RunAsync"/>).
/// </summary>
/// <remarks>
/// One file per responsibility: <c>DockerProvider.Containers.cs</c>, <c>.Files.cs</c>,
/// <c>.Resources.cs</c> (networks, volumes, lists and removal by label), <c>.Images.cs</c>; the
/// host probe and quirks are in <c>Host/</c>.
/// </remarks>
public sealed partial class DockerProvider : IContainerProvider
{
    private readonly DockerEngine engine;
    private readonly IProgress<ProgressEvent>? progress;
    private readonly TimeProvider time;
    private readonly ExplicitPrivileges privileges;
    private readonly SemaphoreSlim probeGate = new(1, 1);
    private HostInfo? host;

    /// <summary>Creates a provider on a connected engine.</summary>
    public DockerProvider(DockerEngine engine, IProgress<ProgressEvent>? progress = null, TimeProvider? time = null)
        : this(engine, progress, time, privilegeMemoryPath: null)
    {
    }

    // privilegeMemoryPath: where ExplicitPrivileges remembers its finding (null: ~/.ksail/cache); tests point it at a file of their own.
    // knownHost: the host as given instead of probed (tests of a host condition the engine at hand does not have).
    internal DockerProvider(DockerEngine engine, IProgress<ProgressEvent>? progress, TimeProvider? time, string? privilegeMemoryPath, HostInfo? knownHost = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        this.engine = engine;
        host = knownHost;
        this.progress = progress;
        this.time = time ?? TimeProvider.System;
        privileges = new ExplicitPrivileges(EngineKey(engine), progress, privilegeMemoryPath);
        Quirks = [.. ProbedQuirks.All, privileges];
    }

    private IDockerClient Client => engine.Client;

    /// <summary>Connects to the engine found as the docker CLI finds it.</summary>
    /// <exception cref="ProviderUnavailableException">No engine answers (exit code 4).</exception>
    public static async Task<DockerProvider> ConnectAsync(IProgress<ProgressEvent>? progress = null, CancellationToken ct = default)
    {
        var engine = await DockerEngine.ConnectAsync(ct: ct).ConfigureAwait(false);
        progress?.Report(new ProgressEvent("connect", $"Docker {engine.ServerVersion} at {engine.Endpoint}, API {engine.ApiVersion}", ProgressLevel.Debug));
        return new DockerProvider(engine, progress);
    }

    /// <inheritdoc/>
    public Provider Id => Provider.Docker;

    /// <summary>The engine this provider talks to.</summary>
    public DockerEngine Engine => engine;

    /// <summary>The host quirks asked about every container, in the order they adjust its spec.</summary>
    public IReadOnlyList<IHostQuirk> Quirks { get; }

    /// <summary>Whether nodes start with the explicit equivalent of <c>--privileged</c> on this host (null until the first node starts).</summary>
    public bool? UsesExplicitPrivileges => privileges.Needed;

    /// <inheritdoc/>
    /// <remarks>Read from <c>docker info</c> and the default bridge network by <see cref="DockerHostProbe"/> on first use, then kept.</remarks>
    public async Task<HostInfo> HostAsync(CancellationToken ct = default)
    {
        if (host is { } known)
        {
            return known;
        }

        await probeGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            host ??= await DockerHostProbe.ReadAsync(engine, ct).ConfigureAwait(false);
            return host;
        }
        finally
        {
            probeGate.Release();
        }
    }

    /// <summary>How the remembered findings of host quirks name an engine: its endpoint and version.</summary>
    public static string EngineKey(DockerEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return $"{engine.Endpoint} {engine.ServerVersion}";
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        privileges.Dispose();
        probeGate.Dispose();
        engine.Dispose();
    }
}
