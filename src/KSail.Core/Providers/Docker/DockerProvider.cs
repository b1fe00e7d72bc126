using System.Formats.Tar;
using System.Globalization;
using System.Net;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace KSail.Core.Providers.Docker;

/// <summary>The result of a command run in a container.</summary>
/// <param name="ExitCode">The command's exit code.</param>
/// <param name="Output">What it wrote to standard output.</param>
/// <param name="Error">What it wrote to standard error.</param>
public sealed record ExecResult(long ExitCode, string Output, string Error);

/// <summary>A container found by its labels.</summary>
/// <param name="Id">The container id.</param>
/// <param name="Name">The container name.</param>
/// <param name="State">Docker's state: running, exited, created, ...</param>
/// <param name="Labels">Its labels.</param>
public sealed record ContainerSummary(string Id, string Name, string State, IReadOnlyDictionary<string, string> Labels);

/// <summary>What a removal by labels removed.</summary>
/// <param name="Containers">Container names.</param>
/// <param name="Networks">Network names.</param>
/// <param name="Volumes">Volume names.</param>
public sealed record RemovedResources(IReadOnlyList<string> Containers, IReadOnlyList<string> Networks, IReadOnlyList<string> Volumes);

/// <summary>
/// The Docker provider: networks, containers, published ports, volumes, exec, file copy, logs and
/// images on a Docker engine. It knows nothing about Kubernetes. Every resource it creates carries
/// the labels it is given; listing and removal work from labels alone.
/// </summary>
public sealed class DockerProvider : IDisposable
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

    private readonly DockerEngine engine;
    private readonly IProgress<ProgressEvent>? progress;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim privilegeGate = new(1, 1);
    private bool? privilegedWorks;

    /// <summary>Creates a provider on a connected engine.</summary>
    public DockerProvider(DockerEngine engine, IProgress<ProgressEvent>? progress = null, TimeProvider? time = null)
    {
        this.engine = engine;
        this.progress = progress;
        this.time = time ?? TimeProvider.System;
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

    /// <summary>The engine this provider talks to.</summary>
    public DockerEngine Engine => engine;

    /// <summary>Whether nodes start with the explicit equivalent of <c>--privileged</c> on this host (null until the first node starts).</summary>
    public bool? UsesExplicitPrivileges => privilegedWorks is null ? null : !privilegedWorks;

    /// <summary>Creates the network unless a network of that name exists; returns its id.</summary>
    public async Task<string> EnsureNetworkAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken ct = default)
    {
        var existing = await FindNetworkAsync(name, ct).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing.ID;
        }

        try
        {
            var created = await Client.Networks.CreateNetworkAsync(
                new NetworksCreateParameters { Name = name, Driver = "bridge", Labels = labels.ToDictionary(), Options = new Dictionary<string, string> { ["com.docker.network.bridge.enable_ip_masquerade"] = "true" } },
                ct).ConfigureAwait(false);
            return created.ID;
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            // Created by someone else meanwhile.
            var raced = await FindNetworkAsync(name, ct).ConfigureAwait(false);
            if (raced is null)
            {
                throw;
            }

            return raced.ID;
        }
    }

    /// <summary>Whether the image is present on the engine.</summary>
    public async Task<bool> ImageExistsAsync(string image, CancellationToken ct = default)
    {
        try
        {
            await Client.Images.InspectImageAsync(image, ct).ConfigureAwait(false);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Pulls the image unless it is present, reporting progress.</summary>
    /// <exception cref="ProvisioningException">The pull failed (e.g. no network); the message names the image.</exception>
    public async Task EnsureImageAsync(string image, CancellationToken ct = default)
    {
        if (await ImageExistsAsync(image, ct).ConfigureAwait(false))
        {
            return;
        }

        progress?.Report(new ProgressEvent("pull image", $"pulling {image}"));
        var failure = default(string);
        var pullProgress = new Progress<JSONMessage>(m =>
        {
            if (m.Error is { Message: { } message })
            {
                failure = message;
            }
        });
        try
        {
            await Client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = image }, null, pullProgress, ct).ConfigureAwait(false);
        }
        catch (DockerApiException ex)
        {
            failure = ex.ResponseBody;
        }
        catch (HttpRequestException ex)
        {
            failure = ex.Message;
        }

        if (failure is null && await ImageExistsAsync(image, ct).ConfigureAwait(false))
        {
            return;
        }

        throw new ProvisioningException(
            $"pulling the image {image} failed: {(failure ?? "the image is not present after the pull").Trim()}. Check the name and the network, or load the image first ('docker load' / 'docker pull').");
    }

    /// <summary>Creates and starts a container; returns its id. A privileged container falls back to explicit privileges where the host cannot grant <c>--privileged</c>.</summary>
    public async Task<string> RunAsync(ContainerSpec spec, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!spec.Privileged)
        {
            return await CreateAndStartAsync(spec, explicitPrivileges: false, ct).ConfigureAwait(false);
        }

        if (privilegedWorks is { } known)
        {
            return await CreateAndStartAsync(spec, explicitPrivileges: !known, ct).ConfigureAwait(false);
        }

        // The first privileged container finds out whether this host grants --privileged.
        await privilegeGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (privilegedWorks is { } decided)
            {
                return await CreateAndStartAsync(spec, explicitPrivileges: !decided, ct).ConfigureAwait(false);
            }

            // An earlier run on this engine found that it cannot grant --privileged: skip the failing try.
            if (ExplicitPrivilegesRemembered())
            {
                privilegedWorks = false;
                ReportExplicitPrivileges();
                return await CreateAndStartAsync(spec, explicitPrivileges: true, ct).ConfigureAwait(false);
            }

            try
            {
                var id = await CreateAndStartAsync(spec, explicitPrivileges: false, ct).ConfigureAwait(false);
                privilegedWorks = true;
                return id;
            }
            catch (DockerApiException ex) when (IsCapabilityFailure(ex))
            {
                await RemoveContainerAsync(spec.Name, ct).ConfigureAwait(false);
                privilegedWorks = false;
                RememberExplicitPrivileges();
                ReportExplicitPrivileges();
                return await CreateAndStartAsync(spec, explicitPrivileges: true, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            privilegeGate.Release();
        }
    }

    // Where this engine's finding is kept: one line per engine (endpoint and version) that cannot grant --privileged.
    private static string PrivilegeMemoryPath => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ksail", "cache", "docker-explicit-privileges");

    private string EngineKey => $"{engine.Endpoint} {engine.ServerVersion}";

    private bool ExplicitPrivilegesRemembered()
    {
        try
        {
            return File.Exists(PrivilegeMemoryPath) && File.ReadLines(PrivilegeMemoryPath).Contains(EngineKey, StringComparer.Ordinal);
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

    // Only the "cannot grant" finding is kept: explicit privileges work on every host, so a stale line costs nothing.
    private void RememberExplicitPrivileges()
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(PrivilegeMemoryPath)!);
            File.AppendAllLines(PrivilegeMemoryPath, [EngineKey]);
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

    private void ReportExplicitPrivileges() =>
        progress?.Report(new ProgressEvent(
            "create nodes",
            $"this Docker host cannot grant --privileged (its capability bounding set lacks {string.Join(", ", MissingCapabilities())}); nodes start with the equivalent explicit capabilities, devices and security options instead",
            ProgressLevel.Warning));

    /// <summary>Runs a command in a running container, optionally feeding it standard input (as kind copies files in).</summary>
    public async Task<ExecResult> ExecAsync(string container, IReadOnlyList<string> command, byte[]? standardInput = null, CancellationToken ct = default)
    {
        var exec = await Client.Exec.CreateContainerExecAsync(
            container,
            new ContainerExecCreateParameters { Cmd = command.ToList(), AttachStdout = true, AttachStderr = true, AttachStdin = standardInput is not null },
            ct).ConfigureAwait(false);
        using (var stream = await Client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters { Detach = false, TTY = false }, ct).ConfigureAwait(false))
        {
            if (standardInput is not null)
            {
                await stream.WriteAsync(standardInput, 0, standardInput.Length, ct).ConfigureAwait(false);
                stream.CloseWrite();
            }

            var (stdout, stderr) = await stream.ReadOutputToEndAsync(ct).ConfigureAwait(false);
            while (true)
            {
                var inspect = await Client.Exec.InspectContainerExecAsync(exec.ID, ct).ConfigureAwait(false);
                if (!inspect.Running && inspect.ExitCode is { } code)
                {
                    return new ExecResult(code, stdout, stderr);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(20), time, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads one file out of a container.</summary>
    /// <exception cref="FileNotFoundException">The path does not exist in the container.</exception>
    public async Task<byte[]> ReadFileAsync(string container, string path, CancellationToken ct = default)
    {
        ContainerArchiveResponse archive;
        try
        {
            archive = await Client.Containers.GetArchiveFromContainerAsync(container, new ContainerPathStatParameters { Path = path }, false, ct).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException ex)
        {
            throw new FileNotFoundException($"{path} not found in container {container}", path, ex);
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"{path} not found in container {container}", path, ex);
        }

        // The whole archive first: the engine's chunked stream ends where TarReader still expects padding.
        using var buffered = new MemoryStream();
        using (var stream = archive.Stream ?? throw new FileNotFoundException($"{path} in container {container} could not be read", path))
        {
            await stream.CopyToAsync(buffered, ct).ConfigureAwait(false);
        }

        buffered.Position = 0;
        using var reader = new TarReader(buffered);
        while (await reader.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false) is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
            {
                using var buffer = new MemoryStream();
                await data.CopyToAsync(buffer, ct).ConfigureAwait(false);
                return buffer.ToArray();
            }
        }

        throw new FileNotFoundException($"{path} in container {container} is not a regular file", path);
    }

    /// <summary>Writes one file into a container (its directory must exist).</summary>
    public async Task WriteFileAsync(string container, string path, byte[] content, int mode = 420, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, Path.GetFileName(path))
            {
                DataStream = new MemoryStream(content),
                Mode = (UnixFileMode)mode,
            };
            await writer.WriteEntryAsync(entry, ct).ConfigureAwait(false);
        }

        tar.Position = 0;
        var directory = path[..path.LastIndexOf('/')];
        await Client.Containers.ExtractArchiveToContainerAsync(
            container,
            new CopyToContainerParameters { Path = directory.Length == 0 ? "/" : directory },
            tar,
            ct).ConfigureAwait(false);
    }

    /// <summary>The last <paramref name="lines"/> lines a container logged (standard output and error).</summary>
    public async Task<string> LogsAsync(string container, int lines = 50, CancellationToken ct = default)
    {
        using var stream = await Client.Containers.GetContainerLogsAsync(
            container,
            new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = lines.ToString(CultureInfo.InvariantCulture) },
            ct).ConfigureAwait(false);
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(ct).ConfigureAwait(false);
        return stdout + stderr;
    }

    /// <summary>Follows a container's log until a line contains <paramref name="text"/>.</summary>
    /// <exception cref="TimeoutException">No such line within <paramref name="timeout"/>.</exception>
    public async Task WaitForLogAsync(string container, string text, TimeSpan timeout, CancellationToken ct = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        var seen = new StringBuilder();
        try
        {
            using var stream = await Client.Containers.GetContainerLogsAsync(
                container,
                new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Follow = true },
                limit.Token).ConfigureAwait(false);
            var buffer = new byte[8192];
            while (true)
            {
                var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, limit.Token).ConfigureAwait(false);
                if (read.EOF)
                {
                    break;
                }

                seen.Append(Encoding.UTF8.GetString(buffer, 0, read.Count));
                if (seen.ToString().Contains(text, StringComparison.Ordinal))
                {
                    return;
                }

                if (seen.Length > 1 << 20)
                {
                    seen.Remove(0, seen.Length - text.Length);
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"container {container} did not log '{text}' within {timeout.TotalSeconds:0} s");
    }

    /// <summary>The host port a container's port is published on, or null.</summary>
    public async Task<int?> HostPortAsync(string container, int containerPort, string protocol = "tcp", CancellationToken ct = default) =>
        (await HostBindingAsync(container, containerPort, protocol, ct).ConfigureAwait(false))?.Port;

    /// <summary>The host address (empty for every address) and port a container's port is published on, or null.</summary>
    public async Task<(string Address, int Port)?> HostBindingAsync(string container, int containerPort, string protocol = "tcp", CancellationToken ct = default)
    {
        var inspect = await Client.Containers.InspectContainerAsync(container, ct).ConfigureAwait(false);
        return inspect.NetworkSettings?.Ports is { } ports
            && ports.TryGetValue($"{containerPort}/{protocol}", out var bindings)
            && bindings?.FirstOrDefault() is { HostPort: { } hostPort } binding
            ? (binding.HostIP ?? string.Empty, int.Parse(hostPort, CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>The value of an environment variable the container was created with, or null (read from its config, not by running anything in it).</summary>
    public async Task<string?> EnvironmentVariableAsync(string container, string name, CancellationToken ct = default)
    {
        var inspect = await Client.Containers.InspectContainerAsync(container, ct).ConfigureAwait(false);
        var prefix = name + "=";
        return inspect.Config?.Env?.FirstOrDefault(e => e.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
    }

    /// <summary>The container's address on a network, or null.</summary>
    public async Task<string?> AddressAsync(string container, string network, CancellationToken ct = default)
    {
        var inspect = await Client.Containers.InspectContainerAsync(container, ct).ConfigureAwait(false);
        return inspect.NetworkSettings?.Networks is { } networks && networks.TryGetValue(network, out var endpoint) ? endpoint.IPAddress : null;
    }

    /// <summary>Stops a container (SIGTERM, then SIGKILL after <paramref name="grace"/>).</summary>
    public Task StopAsync(string container, TimeSpan grace, CancellationToken ct = default) =>
        Client.Containers.StopContainerAsync(container, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)grace.TotalSeconds }, ct);

    /// <summary>Starts a stopped container.</summary>
    public Task StartAsync(string container, CancellationToken ct = default) =>
        Client.Containers.StartContainerAsync(container, new ContainerStartParameters(), ct);

    /// <summary>The containers that carry every one of <paramref name="labels"/>.</summary>
    public async Task<IReadOnlyList<ContainerSummary>> ListAsync(IReadOnlyDictionary<string, string> labels, CancellationToken ct = default)
    {
        var found = await Client.Containers.ListContainersAsync(
            new ContainersListParameters { All = true, Filters = LabelFilter(labels) },
            ct).ConfigureAwait(false);
        return found
            .Select(Summary)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Removes every container (with its anonymous volumes), network and volume that carries every one of <paramref name="labels"/>.</summary>
    public async Task<RemovedResources> RemoveAsync(IReadOnlyDictionary<string, string> labels, CancellationToken ct = default)
    {
        var containers = await ListAsync(labels, ct).ConfigureAwait(false);
        await Task.WhenAll(containers.Select(c => RemoveContainerAsync(c.Id, ct))).ConfigureAwait(false);

        var networks = await Client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = LabelFilter(labels) }, ct).ConfigureAwait(false);
        foreach (var network in networks)
        {
            try
            {
                await Client.Networks.DeleteNetworkAsync(network.ID, ct).ConfigureAwait(false);
            }
            catch (DockerNetworkNotFoundException)
            {
            }
        }

        var volumes = await Client.Volumes.ListAsync(new VolumesListParameters { Filters = LabelFilter(labels) }, ct).ConfigureAwait(false);
        foreach (var volume in volumes.Volumes ?? [])
        {
            await Client.Volumes.RemoveAsync(volume.Name, force: true, ct).ConfigureAwait(false);
        }

        return new RemovedResources(
            containers.Select(c => c.Name).ToList(),
            networks.Select(n => n.Name).ToList(),
            (volumes.Volumes ?? []).Select(v => v.Name).ToList());
    }

    /// <summary>
    /// The containers that carry at least one of <paramref name="anyOf"/> (label and value): one
    /// unfiltered list filtered here, as the engine's label filters only combine with AND.
    /// </summary>
    public async Task<IReadOnlyList<ContainerSummary>> ListAnyAsync(IReadOnlyCollection<KeyValuePair<string, string>> anyOf, CancellationToken ct = default)
    {
        var found = await Client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, ct).ConfigureAwait(false);
        return found
            .Where(c => CarriesAny(c.Labels, anyOf))
            .Select(Summary)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Removes every container (forced, with its anonymous volumes), network and volume that carries
    /// at least one of <paramref name="anyOf"/> (label and value). The three lists are asked for at
    /// once, the containers removed in parallel, then the networks and volumes in parallel.
    /// </summary>
    public async Task<RemovedResources> RemoveAnyAsync(IReadOnlyCollection<KeyValuePair<string, string>> anyOf, CancellationToken ct = default)
    {
        var listingContainers = ListAnyAsync(anyOf, ct);
        var listingNetworks = Client.Networks.ListNetworksAsync(new NetworksListParameters(), ct);
        var listingVolumes = Client.Volumes.ListAsync(new VolumesListParameters(), ct);
        var containers = await listingContainers.ConfigureAwait(false);
        await Task.WhenAll(containers.Select(c => RemoveContainerAsync(c.Id, ct))).ConfigureAwait(false);

        var networks = (await listingNetworks.ConfigureAwait(false)).Where(n => CarriesAny(n.Labels, anyOf)).ToList();
        var volumes = ((await listingVolumes.ConfigureAwait(false)).Volumes ?? []).Where(v => CarriesAny(v.Labels, anyOf)).ToList();
        await Task.WhenAll(networks.Select(n => RemoveNetworkAsync(n.ID, ct)).Concat(volumes.Select(v => RemoveVolumeAsync(v.Name, ct)))).ConfigureAwait(false);
        return new RemovedResources(
            containers.Select(c => c.Name).ToList(),
            networks.Select(n => n.Name).ToList(),
            volumes.Select(v => v.Name).ToList());
    }

    /// <summary>Removes one container by name or id, with its anonymous volumes; nothing happens when it does not exist.</summary>
    public async Task RemoveContainerAsync(string container, CancellationToken ct = default)
    {
        try
        {
            await Client.Containers.RemoveContainerAsync(container, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, ct).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict && (ex.ResponseBody ?? string.Empty).Contains("already in progress", StringComparison.Ordinal))
        {
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        privilegeGate.Dispose();
        engine.Dispose();
    }

    // Docker.DotNet.Enhanced 4.4 declares a listed container's Names and Labels nullable (the engine may omit them).
    private static ContainerSummary Summary(ContainerListResponse c) =>
        new(c.ID, c.Names?.FirstOrDefault()?.TrimStart('/') ?? c.ID, c.State, (c.Labels ?? new Dictionary<string, string>()).AsReadOnly());

    private static bool CarriesAny(IDictionary<string, string>? labels, IReadOnlyCollection<KeyValuePair<string, string>> anyOf) =>
        labels is not null && anyOf.Any(l => labels.TryGetValue(l.Key, out var value) && value == l.Value);

    private async Task RemoveNetworkAsync(string id, CancellationToken ct)
    {
        try
        {
            await Client.Networks.DeleteNetworkAsync(id, ct).ConfigureAwait(false);
        }
        catch (DockerNetworkNotFoundException)
        {
        }
    }

    private async Task RemoveVolumeAsync(string name, CancellationToken ct)
    {
        try
        {
            await Client.Volumes.RemoveAsync(name, force: true, ct).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }

    private static Dictionary<string, IDictionary<string, bool>> LabelFilter(IReadOnlyDictionary<string, string> labels) =>
        new(StringComparer.Ordinal) { ["label"] = labels.ToDictionary(kv => $"{kv.Key}={kv.Value}", _ => true) };

    private static bool IsCapabilityFailure(DockerApiException ex)
    {
        var body = ex.ResponseBody ?? string.Empty;
        return body.Contains("apply caps", StringComparison.OrdinalIgnoreCase)
            || (body.Contains("operation not permitted", StringComparison.OrdinalIgnoreCase) && body.Contains("cap", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The capabilities missing from this host's bounding set (SYS_RESOURCE when it cannot be read).</summary>
    private static List<string> MissingCapabilities()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("CapBnd:", StringComparison.Ordinal));
            if (line is not null)
            {
                var bounding = ulong.Parse(line["CapBnd:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                var missing = CapabilityNames.Where((_, bit) => (bounding & (1UL << bit)) == 0).ToList();
                if (missing.Count > 0)
                {
                    return missing;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return ["SYS_RESOURCE"];
    }

    private async Task<NetworkResponse?> FindNetworkAsync(string name, CancellationToken ct)
    {
        var networks = await Client.Networks.ListNetworksAsync(
            new NetworksListParameters { Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [name] = true } } },
            ct).ConfigureAwait(false);
        return networks.FirstOrDefault(n => n.Name == name);
    }

    private async Task<string> CreateAndStartAsync(ContainerSpec spec, bool explicitPrivileges, CancellationToken ct)
    {
        var host = new HostConfig
        {
            NetworkMode = spec.Network,
            PortBindings = spec.Ports
                .GroupBy(p => $"{p.ContainerPort}/{p.Protocol.ToLowerInvariant()}")
                .ToDictionary(
                    g => g.Key,
                    g => (IList<PortBinding>)g.Select(p => new PortBinding { HostIP = p.HostAddress, HostPort = p.HostPort == 0 ? string.Empty : p.HostPort.ToString(CultureInfo.InvariantCulture) }).ToList()),
            Mounts = spec.Mounts.Where(m => m.Kind != MountKind.Tmpfs).Select(ToMount).ToList(),
            Tmpfs = spec.Mounts.Where(m => m.Kind == MountKind.Tmpfs).ToDictionary(m => m.Target, _ => string.Empty),
            SecurityOpt = spec.SecurityOptions.ToList(),
            CgroupnsMode = spec.PrivateCgroupNamespace ? "private" : null!,
            Init = spec.Init ? true : null,
            RestartPolicy = new RestartPolicy
            {
                Name = spec.Restart.Name switch
                {
                    "on-failure" => RestartPolicyKind.OnFailure,
                    "unless-stopped" => RestartPolicyKind.UnlessStopped,
                    "always" => RestartPolicyKind.Always,
                    _ => RestartPolicyKind.No,
                },
                MaximumRetryCount = spec.Restart.MaximumRetryCount,
            },
        };

        if (spec.Privileged && !explicitPrivileges)
        {
            host.Privileged = true;
        }
        else if (spec.Privileged)
        {
            // What --privileged gives a node, spelled out, less what the host's bounding set lacks.
            host.CapAdd = ["ALL"];
            host.CapDrop = MissingCapabilities().ToList();
            host.SecurityOpt = host.SecurityOpt
                .Concat(["apparmor=unconfined", "seccomp=unconfined"])
                .Distinct(StringComparer.Ordinal)
                .ToList();
            host.MaskedPaths = []; // what the CLI's systempaths=unconfined sends
            host.ReadonlyPaths = [];
            host.DeviceCgroupRules = ["a *:* rwm"];
            host.Devices = [new DeviceMapping { PathOnHost = "/dev/kmsg", PathInContainer = "/dev/kmsg", CgroupPermissions = "rwm" }];
            host.Mounts.Add(new Mount { Type = "bind", Source = "/sys/fs/cgroup", Target = "/sys/fs/cgroup", ReadOnly = false });
        }

        var create = new CreateContainerParameters
        {
            Name = spec.Name,
            Hostname = spec.Hostname ?? spec.Name,
            Image = spec.Image,
            Tty = spec.Tty,
            Labels = spec.Labels.ToDictionary(),
            Env = spec.Environment.ToList(),
            Entrypoint = spec.Entrypoint?.ToList()!,
            Cmd = spec.Command?.ToList()!,
            ExposedPorts = spec.Ports.ToDictionary(p => $"{p.ContainerPort}/{p.Protocol.ToLowerInvariant()}", _ => default(EmptyStruct)),
            HostConfig = host,
            NetworkingConfig = new NetworkingConfig
            {
                EndpointsConfig = new Dictionary<string, EndpointSettings>
                {
                    [spec.Network] = new EndpointSettings { Aliases = spec.NetworkAliases.ToList() },
                },
            },
        };

        var created = await Client.Containers.CreateContainerAsync(create, ct).ConfigureAwait(false);
        try
        {
            foreach (var file in spec.Files)
            {
                await WriteFileAsync(created.ID, file.Path, file.Content, file.Mode, ct).ConfigureAwait(false);
            }

            await Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (IsPortInUse(ex))
        {
            await RemoveContainerAsync(created.ID, CancellationToken.None).ConfigureAwait(false);
            var ports = string.Join(", ", spec.Ports.Where(p => p.HostPort != 0).Select(p => $"{p.HostAddress}:{p.HostPort.ToString(CultureInfo.InvariantCulture)}"));
            throw new ProvisioningException(
                $"{spec.Name} could not publish its ports ({(ports.Length == 0 ? "chosen by Docker" : ports)}): a host port is already in use. Free it, or choose another port in the distribution config. Docker said: {ex.ResponseBody?.Trim()}",
                ex);
        }
        catch (DockerApiException) when (spec.Privileged && !explicitPrivileges && privilegedWorks is null)
        {
            throw; // RunAsync decides whether to fall back (it removes this container).
        }
        catch
        {
            await RemoveContainerAsync(created.ID, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return created.ID;
    }

    private static bool IsPortInUse(DockerApiException ex) =>
        ex.ResponseBody is { } body && (body.Contains("address already in use", StringComparison.OrdinalIgnoreCase) || body.Contains("port is already allocated", StringComparison.OrdinalIgnoreCase));

    private static Mount ToMount(ContainerMount mount) => new()
    {
        Type = mount.Kind == MountKind.Bind ? "bind" : "volume",
        Source = mount.Source,
        Target = mount.Target,
        ReadOnly = mount.ReadOnly,
        BindOptions = mount.Kind == MountKind.Bind && mount.Propagation is { } propagation ? new BindOptions { Propagation = propagation } : null,
    };
}
