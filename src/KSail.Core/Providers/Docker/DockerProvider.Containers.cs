using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Docker.DotNet;
using Docker.DotNet.Models;
using KSail.Core.Providers.Docker.Host;

namespace KSail.Core.Providers.Docker;

/// <content>Containers: run (with the host's quirks), exec, logs, ports, stop, start and remove.</content>
public sealed partial class DockerProvider
{
    /// <summary>
    /// Creates and starts a container; returns its id. The spec is adjusted for every host quirk
    /// that applies (<see cref="Quirks"/>); a privileged container falls back to explicit privileges
    /// where the host cannot grant <c>--privileged</c> (<see cref="Host.ExplicitPrivileges"/>). A port
    /// published without a host port gets a free one picked here, kept across restarts; when a picked
    /// port is taken by the time the container starts, it is picked again (<see cref="HostPorts"/>).
    /// </summary>
    /// <exception cref="ProviderUnavailableException">A node (privileged container) cannot run on this host (<see cref="HostRequirements"/>).</exception>
    public async Task<string> RunAsync(ContainerSpec spec, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var found = await HostAsync(ct).ConfigureAwait(false);
        if (spec.Privileged)
        {
            HostRequirements.Require(found);
        }

        var adjusted = ProbedQuirks.Adjust(spec, found);
        return await privileges.RunAsync(adjusted, StartWithHostPortsAsync, RemoveContainerAsync, ct).ConfigureAwait(false);
    }

    /// <summary>Picks a free host port for a publication that names none (<see cref="HostPorts.Free"/>; another picker only in tests).</summary>
    internal Func<string, string, int> PickHostPort { get; set; } = HostPorts.Free;

    // kind and k3d pick a host port once, at create; a clash on a picked one is picked again, a few times.
    private async Task<string> StartWithHostPortsAsync(ContainerSpec spec, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var chosen = HostPorts.Choose(spec, PickHostPort, again: attempt > 1);
            try
            {
                return await CreateAndStartAsync(chosen, ct).ConfigureAwait(false);
            }
            catch (ProvisioningException ex) when (attempt < HostPorts.Attempts && ex.InnerException is DockerApiException api && IsPortInUse(api) && ClashMayBeOnPicked(chosen, api.ResponseBody))
            {
                progress?.Report(new ProgressEvent("publish ports", $"{spec.Name}: a picked host port was taken before the start ({api.ResponseBody?.Trim()}); picking again", ProgressLevel.Debug));
            }
        }
    }

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

    /// <summary>
    /// Runs a command in a running container, streaming <paramref name="input"/> to its standard input
    /// (closed at the end) and its standard output to <paramref name="output"/> while it runs, so an
    /// image archive never has to fit in memory (kind pipes <c>docker save</c> into <c>ctr images import</c> the same way).
    /// </summary>
    public async Task<ExecResult> ExecStreamingAsync(string container, IReadOnlyList<string> command, Stream? input, Stream? output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var exec = await Client.Exec.CreateContainerExecAsync(
            container,
            new ContainerExecCreateParameters { Cmd = command.ToList(), AttachStdout = true, AttachStderr = true, AttachStdin = input is not null },
            ct).ConfigureAwait(false);
        using var stderr = new MemoryStream();
        using var stdout = output is null ? new MemoryStream() : null;
        using (var stream = await Client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters { Detach = false, TTY = false }, ct).ConfigureAwait(false))
        {
            var feeding = input is null
                ? Task.CompletedTask
                : Task.Run(
                    async () =>
                    {
                        await stream.CopyFromAsync(input, ct).ConfigureAwait(false);
                        stream.CloseWrite();
                    },
                    ct);
            await stream.CopyOutputToAsync(Stream.Null, output ?? stdout!, stderr, ct).ConfigureAwait(false);
            try
            {
                await feeding.ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The command stopped reading (it failed, or needed less): its exit code and standard error tell.
            }
        }

        var text = stdout is null ? string.Empty : Encoding.UTF8.GetString(stdout.ToArray());
        while (true)
        {
            var inspect = await Client.Exec.InspectContainerExecAsync(exec.ID, ct).ConfigureAwait(false);
            if (!inspect.Running && inspect.ExitCode is { } code)
            {
                return new ExecResult(code, text, Encoding.UTF8.GetString(stderr.ToArray()));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), time, ct).ConfigureAwait(false);
        }
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
    public Task WaitForLogAsync(string container, string text, TimeSpan timeout, CancellationToken ct = default) =>
        WaitForLogLineAsync(container, line => line.Contains(text, StringComparison.Ordinal), $"'{text}'", timeout, ct);

    /// <summary>Follows a container's log until a line matches <paramref name="pattern"/> (as kind's <c>WaitUntilLogRegexpMatches</c>).</summary>
    /// <exception cref="TimeoutException">No such line within <paramref name="timeout"/>.</exception>
    public Task WaitForLogAsync(string container, Regex pattern, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return WaitForLogLineAsync(container, pattern.IsMatch, $"a line matching '{pattern}'", timeout, ct);
    }

    private async Task WaitForLogLineAsync(string container, Func<string, bool> matches, string what, TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        var line = new StringBuilder(); // the line being read: matched whole, and as far as it came
        try
        {
            using var stream = await Client.Containers.GetContainerLogsAsync(
                container,
                new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Follow = true },
                limit.Token).ConfigureAwait(false);
            var buffer = new byte[8192];
            var decoder = Encoding.UTF8.GetDecoder();
            var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
            while (true)
            {
                var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, limit.Token).ConfigureAwait(false);
                if (read.EOF)
                {
                    break;
                }

                var count = decoder.GetChars(buffer, 0, read.Count, chars, 0);
                for (var i = 0; i < count; i++)
                {
                    if (chars[i] != '\n')
                    {
                        line.Append(chars[i]);
                        continue;
                    }

                    if (matches(line.ToString().TrimEnd('\r')))
                    {
                        return;
                    }

                    line.Clear();
                }

                if (line.Length > 0 && matches(line.ToString()))
                {
                    return;
                }

                if (line.Length > 1 << 20)
                {
                    line.Clear(); // not a log line anyone matches
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"container {container} did not log {what} within {timeout.TotalSeconds:0} s");
    }

    /// <summary>The host port a container's port is published on, or null.</summary>
    public async Task<int?> HostPortAsync(string node, int port, string protocol = "tcp", CancellationToken ct = default) =>
        (await HostBindingAsync(node, port, protocol, ct).ConfigureAwait(false))?.Port;

    /// <summary>The host address (empty for every address) and port a container's port is published on, or null.</summary>
    public async Task<(string Address, int Port)?> HostBindingAsync(string node, int port, string protocol = "tcp", CancellationToken ct = default)
    {
        var inspect = await Client.Containers.InspectContainerAsync(node, ct).ConfigureAwait(false);
        return inspect.NetworkSettings?.Ports is { } ports
            && ports.TryGetValue($"{port}/{protocol}", out var bindings)
            && bindings?.FirstOrDefault() is { HostPort: { } hostPort } binding
            ? (binding.HostIP ?? string.Empty, int.Parse(hostPort, CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>Every port a container publishes to the host, one entry per binding, in the engine's order.</summary>
    public async Task<IReadOnlyList<PortPublication>> PublishedPortsAsync(string container, CancellationToken ct = default)
    {
        var inspect = await Client.Containers.InspectContainerAsync(container, ct).ConfigureAwait(false);
        var published = new List<PortPublication>();
        foreach (var (key, bindings) in inspect.NetworkSettings?.Ports ?? new Dictionary<string, IList<PortBinding>>())
        {
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            var port = int.Parse(slash < 0 ? key : key[..slash], CultureInfo.InvariantCulture);
            var protocol = slash < 0 ? "tcp" : key[(slash + 1)..];
            published.AddRange((bindings ?? []).Where(b => b.HostPort is { Length: > 0 }).Select(b => new PortPublication(b.HostIP ?? string.Empty, int.Parse(b.HostPort, CultureInfo.InvariantCulture), port, protocol)));
        }

        return published;
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
    public Task StopAsync(string node, TimeSpan grace, CancellationToken ct = default) =>
        Client.Containers.StopContainerAsync(node, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)grace.TotalSeconds }, ct);

    /// <summary>Starts a stopped container.</summary>
    public Task StartAsync(string node, CancellationToken ct = default) =>
        Client.Containers.StartContainerAsync(node, new ContainerStartParameters(), ct);

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

    /// <summary>
    /// What the engine is asked to create for <paramref name="spec"/> (<c>POST /containers/create</c>),
    /// as the docker CLI would send the matching <c>docker run</c> flags.
    /// </summary>
    internal static CreateContainerParameters CreateParameters(ContainerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var host = new HostConfig
        {
            NetworkMode = spec.Network,
            PortBindings = spec.Ports
                .GroupBy(p => $"{p.ContainerPort}/{p.Protocol.ToLowerInvariant()}")
                .ToDictionary(
                    g => g.Key,
                    g => (IList<PortBinding>)g.Select(p => new PortBinding { HostIP = p.HostAddress, HostPort = p.HostPort < 0 ? string.Empty : p.HostPort.ToString(CultureInfo.InvariantCulture) }).ToList()),
            Mounts = spec.Mounts.Where(m => m.Kind != MountKind.Tmpfs && !IsBind(m)).Select(ToMount).ToList(),
            Binds = spec.Mounts.Where(IsBind).Select(ToBind).ToList() is { Count: > 0 } binds ? binds : null!,
            Tmpfs = spec.Mounts.Where(m => m.Kind == MountKind.Tmpfs).ToDictionary(m => m.Target, _ => string.Empty),
            SecurityOpt = spec.SecurityOptions.ToList(),
            CgroupnsMode = spec.PrivateCgroupNamespace ? "private" : null!,
            // Both ways, never the daemon's default (FIDELITY K11): kind runs every container with
            // --init=false (pkg/cluster/internal/providers/docker/provision.go, commonArgs), so a
            // daemon with "init": true does not put tini before the node's systemd; k3d sets Init
            // true on every container (pkg/runtimes/docker/translate.go).
            Init = spec.Init,
            UsernsMode = spec.UserNamespaceMode!,
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

        if (spec.Privileged)
        {
            host.Privileged = true;
        }

        // Each set only when the spec asks: an empty list of masked paths means "mask nothing", not "Docker's default".
        if (spec.CapabilitiesToAdd.Count > 0)
        {
            host.CapAdd = spec.CapabilitiesToAdd.ToList();
        }

        if (spec.CapabilitiesToDrop.Count > 0)
        {
            host.CapDrop = spec.CapabilitiesToDrop.ToList();
        }

        if (spec.UnconfinedSystemPaths)
        {
            host.MaskedPaths = []; // what the CLI's systempaths=unconfined sends
            host.ReadonlyPaths = [];
        }

        if (spec.DeviceCgroupRules.Count > 0)
        {
            host.DeviceCgroupRules = spec.DeviceCgroupRules.ToList();
        }

        if (spec.Devices.Count > 0)
        {
            host.Devices = spec.Devices.Select(d => new DeviceMapping { PathOnHost = d, PathInContainer = d, CgroupPermissions = "rwm" }).ToList();
        }

        if (spec.ExtraHosts.Count > 0)
        {
            host.ExtraHosts = spec.ExtraHosts.ToList();
        }

        if (spec.Ulimits.Count > 0)
        {
            host.Ulimits = spec.Ulimits.Select(u => new Ulimit { Name = u.Name, Soft = u.Soft, Hard = u.Hard }).ToList();
        }

        if (spec.HostPid)
        {
            host.PidMode = "host";
        }

        return new CreateContainerParameters
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
    }

    private async Task<string> CreateAndStartAsync(ContainerSpec spec, CancellationToken ct)
    {
        // The create is not cancelled half-way: a request cancelled on this side still creates the container on the
        // engine's, after the clean-up has listed what to remove (a Ctrl+C during 'create servers' left the server
        // behind under load). It is created, then removed below if the run was cancelled meanwhile.
        var created = await Client.Containers.CreateContainerAsync(CreateParameters(spec), CancellationToken.None).ConfigureAwait(false);
        try
        {
            ct.ThrowIfCancellationRequested();
            if (spec.Files.Count > 0)
            {
                await WriteFilesBeforeStartAsync(created.ID, spec.Files, ct).ConfigureAwait(false);
            }

            await Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (IsPortInUse(ex))
        {
            await RemoveContainerAsync(created.ID, CancellationToken.None).ConfigureAwait(false);
            var ports = string.Join(", ", spec.Ports.Select(p => $"{p.HostAddress}:{p.HostPort.ToString(CultureInfo.InvariantCulture)}{(p.Chosen ? " (picked as free)" : string.Empty)}"));
            var advice = spec.Ports.Any(p => p.Chosen)
                ? $"Free the declared ports; ports picked as free were taken before the start {HostPorts.Attempts} times, so something on the host takes ports fast: declare host ports in the distribution config"
                : "Free it, or choose another port in the distribution config";
            throw new ProvisioningException(
                $"{spec.Name} could not publish its ports ({ports}): a host port is already in use. {advice}. Docker said: {ex.ResponseBody?.Trim()}",
                ex);
        }
        catch
        {
            await RemoveContainerAsync(created.ID, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return created.ID;
    }

    // One archive of every file, each named by its full path and unpacked at "/", as k3d's pre-start
    // writes are (pkg/runtimes/docker/node.go WriteToNode): the engine creates missing directories
    // (k3s's server/manifests does not exist before k3s first runs).
    private async Task WriteFilesBeforeStartAsync(string container, IReadOnlyList<ContainerFile> files, CancellationToken ct)
    {
        using var tar = new MemoryStream();
        using (var writer = new System.Formats.Tar.TarWriter(tar, System.Formats.Tar.TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var file in files)
            {
                var entry = new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, file.Path.TrimStart('/'))
                {
                    DataStream = new MemoryStream(file.Content),
                    Mode = (UnixFileMode)file.Mode,
                };
                await writer.WriteEntryAsync(entry, ct).ConfigureAwait(false);
            }
        }

        tar.Position = 0;
        await Client.Containers.ExtractArchiveToContainerAsync(container, new CopyToContainerParameters { Path = "/" }, tar, ct).ConfigureAwait(false);
    }

    // Docker names the port it could not bind: picking again helps unless that is a declared one.
    private static bool ClashMayBeOnPicked(ContainerSpec spec, string? said) =>
        spec.Ports.Any(p => p.Chosen)
        && !spec.Ports.Any(p => !p.Chosen && System.Text.RegularExpressions.Regex.IsMatch(said ?? string.Empty, $":{p.HostPort.ToString(CultureInfo.InvariantCulture)}(?![0-9])"));

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

    // Mounts only the -v form can express: a missing source the engine creates, an SELinux relabel (":Z", no --mount option).
    private static bool IsBind(ContainerMount mount) => mount.Kind == MountKind.Bind && (mount.CreateMissingSource || mount.SelinuxRelabel);

    // The -v form (source:target[:options]): the engine creates a missing source directory instead of refusing the container.
    private static string ToBind(ContainerMount mount)
    {
        var options = string.Join(',', new[] { mount.ReadOnly ? "ro" : null, mount.SelinuxRelabel ? "Z" : null, mount.Propagation }.OfType<string>());
        return options.Length == 0 ? $"{mount.Source}:{mount.Target}" : $"{mount.Source}:{mount.Target}:{options}";
    }
}
