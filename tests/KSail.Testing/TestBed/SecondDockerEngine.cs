using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit;

namespace KSail.Testing.TestBed;

/// <summary>
/// A second Docker engine, started by a test next to the machine's own and with the daemon
/// settings users have (<see cref="SecondDockerEngineOptions"/>): its own socket, data root, exec
/// root and pid file, its own default bridge (<c>ksde*</c>, an address of its own) and its own
/// pool of network addresses, so it never meets the main engine's networks. It manages no
/// iptables rules (two daemons would rewrite each other's DOCKER chains); instead it lets its
/// address pool through the host's FORWARD chain, whose policy the main engine sets to DROP.
/// The images a test needs are copied in from the main engine (<see cref="LoadImagesAsync"/>).
/// <see cref="DisposeAsync"/> removes its containers and networks, stops it and removes its
/// bridges, rules and directories, also after a failed start.
/// </summary>
/// <remarks>
/// Connect the product with <see cref="Endpoint"/> (DOCKER_HOST for a process). Traffic between
/// containers passes when one end is in the engine's address pool: node to node and node to load
/// balancer, not pod to pod across nodes. Needs root (dockerd, ip, iptables), as the test bed does.
/// </remarks>
public sealed class SecondDockerEngine : IAsyncDisposable
{
    // Network indexes this engine may take (10.N.0.0/16), clear of kind's pod and service ranges
    // (10.244/16, 10.96/16) and K3s's (10.42/16, 10.43/16).
    private const int FirstIndex = 150;
    private const int LastIndex = 199;

    private readonly string id = Guid.NewGuid().ToString("N")[..6];
    private readonly SecondDockerEngineOptions options;
    private readonly List<string> forwardRules = [];
    private readonly object logGate = new();
    private string? claim;
    private int index;
    private Process? daemon;
    private bool bridgeCreated;
    private int starts;

    private SecondDockerEngine(SecondDockerEngineOptions options)
    {
        this.options = options;
        Root = Path.Combine(Path.GetTempPath(), $"ksail-de-{id}");
    }

    /// <summary>The directory of the engine's socket, data root, exec root, pid file and log.</summary>
    public string Root { get; }

    /// <summary>The engine's socket.</summary>
    public string Socket => Path.Combine(Root, "docker.sock");

    /// <summary>Where to reach the engine (a DOCKER_HOST value).</summary>
    public Uri Endpoint => new($"unix://{Socket}");

    /// <summary>The name of the engine's default bridge on the host.</summary>
    public string BridgeName => $"ksde{id}";

    /// <summary>The engine's pool of addresses for the networks it creates, e.g. <c>10.150.0.0/16</c>.</summary>
    public string AddressPool => $"10.{index.ToString(CultureInfo.InvariantCulture)}.0.0/16";

    /// <summary>The daemon's log (what it wrote since the test started it).</summary>
    public string LogPath => Path.Combine(Root, "dockerd.log");

    /// <summary>
    /// The arguments dockerd runs with. The address pool is given on the first start only: a
    /// daemon that starts with address pools on data that already has a default bridge network
    /// deletes the host's <c>docker0</c>, the main engine's bridge (moby <c>daemon/daemon_unix.go</c>,
    /// <c>removeDefaultBridgeInterface</c>, hard-coded to that name). After a restart the networks
    /// keep the addresses they have; a network created after a restart gets one of Docker's default pools.
    /// </summary>
    public IReadOnlyList<string> Arguments =>
    [
        "--host", Endpoint.ToString(),
        "--data-root", Path.Combine(Root, "data"),
        "--exec-root", Path.Combine(Root, "exec"),
        "--pidfile", Path.Combine(Root, "dockerd.pid"),
        "--bridge", BridgeName,
        .. starts == 0 ? ["--default-address-pool", $"base={AddressPool},size=24"] : Array.Empty<string>(),
        "--iptables=false",
        "--ip-masq=false",
        .. options.DefaultInit ? ["--init"] : Array.Empty<string>(),
        .. options.Mtu is { } mtu ? ["--mtu", mtu.ToString(CultureInfo.InvariantCulture)] : Array.Empty<string>(),
        .. options.UserNamespaceRemap is { } remap ? ["--userns-remap", remap] : Array.Empty<string>(),
    ];

    /// <summary>
    /// Skips the calling test on a developer machine that cannot start a second engine (not root,
    /// or no dockerd, e.g. Docker Desktop), saying which; fails it under CI=true, where the test
    /// bed has both. Asks <see cref="DockerAvailability.Require"/> first.
    /// </summary>
    public static void Require()
    {
        DockerAvailability.Require();
        var problem = !string.Equals(Environment.UserName, "root", StringComparison.Ordinal)
            ? "a second Docker engine needs root (dockerd, ip, iptables)"
            : !(Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(d => File.Exists(Path.Combine(d, "dockerd")))
                ? "a second Docker engine needs dockerd on PATH"
                : null;
        if (problem is null)
        {
            return;
        }

        if (DockerAvailability.IsCi)
        {
            throw new TestBedException($"CI=true and {problem}; .ci/run runs the tests as root with Debian's docker.io (tests/testbed/ci-prepare.sh)");
        }

        Assert.Skip(problem);
    }

    /// <summary>Starts an engine with <paramref name="options"/>; on failure everything started is removed and the daemon's log is in the exception.</summary>
    public static async Task<SecondDockerEngine> StartAsync(SecondDockerEngineOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var engine = new SecondDockerEngine(options);
        try
        {
            Directory.CreateDirectory(engine.Root);
            engine.ClaimAddresses();
            await engine.CreateBridgeAsync(ct).ConfigureAwait(false);
            await engine.AllowForwardingAsync(ct).ConfigureAwait(false);
            await engine.StartDaemonAsync(ct).ConfigureAwait(false);
            return engine;
        }
        catch
        {
            await engine.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs the docker CLI against this engine; returns its standard output.</summary>
    public Task<string> DockerAsync(CancellationToken ct, params string[] args) =>
        ClusterChecks.RunAsync("docker", ct, ["--host", Endpoint.ToString(), .. args]);

    /// <summary>Copies images from the main engine into this one (<c>docker save | docker load</c>).</summary>
    public Task LoadImagesAsync(IEnumerable<string> images, CancellationToken ct) =>
        ClusterChecks.RunAsync(
            "bash", ct, ["-c", "set -o pipefail; host=$1; shift; docker save \"$@\" | docker --host \"$host\" load >/dev/null", "load", Endpoint.ToString(), .. images]);

    /// <summary>
    /// Stops the daemon (SIGTERM: it stops its containers, as a host shutting down does) and starts
    /// it again with the same settings and data; containers come back as their restart policies say.
    /// </summary>
    public async Task RestartAsync(CancellationToken ct)
    {
        await StopDaemonAsync().ConfigureAwait(false);
        await StartDaemonAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The last lines of the daemon's log.</summary>
    public string LogTail(int lines = 40)
    {
        lock (logGate)
        {
            return File.Exists(LogPath) ? string.Join('\n', File.ReadLines(LogPath).TakeLast(lines)) : "(no log)";
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        var problems = new List<string>();
        async Task Step(string what, Func<Task> step)
        {
            try
            {
                await step().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TestBedException or IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                problems.Add($"{what}: {ex.Message}");
            }
        }

        var bridges = new List<string>();
        if (daemon is { HasExited: false })
        {
            await Step("remove containers", async () =>
            {
                var containers = (await DockerAsync(CancellationToken.None, "ps", "-aq").ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
                if (containers.Length > 0)
                {
                    await DockerAsync(CancellationToken.None, ["rm", "-f", "-v", .. containers]).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
            await Step("remove networks", async () =>
            {
                // A user-defined network's bridge is br-<first 12 characters of its id> unless the network names one.
                var networks = (await DockerAsync(CancellationToken.None, "network", "ls", "--filter", "type=custom", "-q", "--no-trunc").ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
                bridges.AddRange(networks.Select(n => $"br-{n[..12]}"));
                foreach (var network in networks)
                {
                    await DockerAsync(CancellationToken.None, "network", "rm", network).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
            await Step("remove volumes", () => DockerAsync(CancellationToken.None, "volume", "prune", "-f")).ConfigureAwait(false);
        }

        await Step("stop dockerd", StopDaemonAsync).ConfigureAwait(false);
        foreach (var bridge in bridges.Append(BridgeName).Where(b => b != BridgeName || bridgeCreated))
        {
            await Step($"delete bridge {bridge}", async () =>
            {
                if (Directory.Exists($"/sys/class/net/{bridge}"))
                {
                    await ClusterChecks.RunAsync("ip", CancellationToken.None, "link", "delete", bridge).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }

        foreach (var rule in forwardRules)
        {
            await Step("remove FORWARD rule", () => ClusterChecks.RunAsync("iptables", CancellationToken.None, ["-D", "FORWARD", .. rule.Split(' ')])).ConfigureAwait(false);
        }

        await Step("unmount", UnmountAsync).ConfigureAwait(false);
        await Step("remove directories", () =>
        {
            if (Directory.Exists(Root))
            {
                Directory.Delete(Root, recursive: true);
            }

            return Task.CompletedTask;
        }).ConfigureAwait(false);
        if (claim is not null)
        {
            File.Delete(claim);
        }

        daemon?.Dispose();
        if (problems.Count > 0)
        {
            throw new TestBedException($"the second Docker engine at {Root} was not removed completely: {string.Join("; ", problems)}");
        }
    }

    // One engine per network index at a time, across test processes: a claim file made with CreateNew.
    private void ClaimAddresses()
    {
        var taken = File.ReadAllText("/proc/net/route");
        foreach (var candidate in Enumerable.Range(FirstIndex, LastIndex - FirstIndex + 1).OrderBy(_ => Random.Shared.Next()))
        {
            // /proc/net/route lists destinations as little-endian hex: 10.N.x.x ends in "<N>0A".
            if (taken.Contains($"{candidate:X2}0A\t", StringComparison.Ordinal))
            {
                continue;
            }

            var path = Path.Combine(Path.GetTempPath(), $"ksail-de-net-{candidate.ToString(CultureInfo.InvariantCulture)}.claim");
            try
            {
                using (new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                {
                }

                claim = path;
                index = candidate;
                return;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another engine has it.
            }
        }

        throw new TestBedException($"no free network 10.N.0.0/16 with N in {FirstIndex}..{LastIndex} for a second Docker engine");
    }

    private async Task CreateBridgeAsync(CancellationToken ct)
    {
        await ClusterChecks.RunAsync("ip", ct, "link", "add", BridgeName, "type", "bridge").ConfigureAwait(false);
        bridgeCreated = true;

        // The default bridge takes the pool's last /24, the networks the engine creates the first ones.
        await ClusterChecks.RunAsync("ip", ct, "addr", "add", $"10.{index.ToString(CultureInfo.InvariantCulture)}.255.1/24", "dev", BridgeName).ConfigureAwait(false);
        await ClusterChecks.RunAsync("ip", ct, "link", "set", BridgeName, "up").ConfigureAwait(false);
    }

    // Only where a FORWARD chain exists (the main engine manages iptables): traffic from and to the pool passes.
    private async Task AllowForwardingAsync(CancellationToken ct)
    {
        try
        {
            await ClusterChecks.RunAsync("iptables", ct, "-S", "FORWARD").ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TestBedException or System.ComponentModel.Win32Exception)
        {
            return;
        }

        foreach (var direction in new[] { "-s", "-d" })
        {
            var rule = $"{direction} {AddressPool} -m comment --comment ksail-de-{id} -j ACCEPT";
            await ClusterChecks.RunAsync("iptables", ct, ["-I", "FORWARD", "1", .. rule.Split(' ')]).ConfigureAwait(false);
            forwardRules.Add(rule);
        }
    }

    private async Task StartDaemonAsync(CancellationToken ct)
    {
        var start = new ProcessStartInfo("dockerd") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        var arguments = Arguments;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new TestBedException("dockerd could not be started");
        starts++;
        daemon?.Dispose();
        daemon = process;
        process.OutputDataReceived += (_, e) => AppendLog(e.Data);
        process.ErrorDataReceived += (_, e) => AppendLog(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Up to a minute for the socket to answer: a remapping engine creates its user and directories first.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromMinutes(1));
        while (true)
        {
            if (process.HasExited)
            {
                throw new TestBedException($"dockerd {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{LogTail()}");
            }

            if (File.Exists(Socket))
            {
                try
                {
                    await DockerAsync(limit.Token, "version", "--format", "{{.Server.Version}}").ConfigureAwait(false);
                    return;
                }
                catch (TestBedException)
                {
                    // Not answering yet.
                }
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TestBedException($"dockerd {string.Join(' ', arguments)} did not answer on {Socket} within a minute:\n{LogTail()}");
            }
        }
    }

    private void AppendLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (logGate)
        {
            File.AppendAllText(LogPath, line + "\n", Encoding.UTF8);
        }
    }

    // SIGTERM, as systemd stops dockerd; after two minutes SIGKILL, and its containerd with it.
    private async Task StopDaemonAsync()
    {
        if (daemon is not { HasExited: false } process)
        {
            return;
        }

        await ClusterChecks.RunAsync("kill", CancellationToken.None, "-TERM", process.Id.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        var containerd = Path.Combine(Root, "exec", "containerd", "containerd.pid");
        if (File.Exists(containerd) && int.TryParse(File.ReadAllText(containerd).Trim(), CultureInfo.InvariantCulture, out var pid))
        {
            try
            {
                using var left = Process.GetProcessById(pid);
                if (left.ProcessName == "containerd")
                {
                    left.Kill();
                    await left.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (ArgumentException)
            {
                // Gone with dockerd, as it should be.
            }
        }
    }

    // What a killed daemon may leave mounted under its directories (overlay layers, its netns, shm).
    private async Task UnmountAsync()
    {
        var mounted = File.ReadLines("/proc/self/mountinfo")
            .Select(l => l.Split(' ')[4])
            .Where(p => p.StartsWith(Root + "/", StringComparison.Ordinal))
            .OrderByDescending(p => p.Length)
            .ToList();
        foreach (var path in mounted)
        {
            await ClusterChecks.RunAsync("umount", CancellationToken.None, "-l", path).ConfigureAwait(false);
        }
    }
}
