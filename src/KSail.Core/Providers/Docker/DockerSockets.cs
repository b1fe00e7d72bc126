using System.Text.Json;

namespace KSail.Core.Providers.Docker;

/// <summary>
/// Where a Docker engine's socket is when nothing names one. The docker CLI (and the client library
/// KSail.NET uses) take <c>DOCKER_HOST</c>, then <c>DOCKER_CONTEXT</c>, then the config's
/// <c>currentContext</c>, then the platform's default (<c>unix:///var/run/docker.sock</c>,
/// <c>npipe://./pipe/docker_engine</c> on Windows). Engines that run as the user put their socket
/// elsewhere, and the default one exists only when the user allowed it: Docker Desktop on macOS
/// (<c>~/.docker/run/docker.sock</c>) and on Linux (<c>~/.docker/desktop/docker.sock</c>), rootless
/// Docker (<c>$XDG_RUNTIME_DIR/docker.sock</c>), Rancher Desktop (<c>~/.rd/docker.sock</c>), Colima
/// (<c>~/.colima/default/docker.sock</c>) and OrbStack (<c>~/.orbstack/run/docker.sock</c>). When
/// nothing names an engine and the default socket is missing, the first of these that exists is
/// used, as Testcontainers for .NET finds them (its <c>DockerDesktopEndpointAuthenticationProvider</c>
/// and <c>RootlessUnixEndpointAuthenticationProvider</c>).
/// </summary>
internal sealed class DockerSockets
{
    /// <summary>The platform default on Unix.</summary>
    public const string DefaultUnixSocket = "/var/run/docker.sock";

    private readonly Func<string, string?> environment;
    private readonly Func<string, bool> exists;
    private readonly Func<string, string?> readFile;
    private readonly string home;
    private readonly bool windows;

    /// <summary>Reads this machine: its environment, home folder and files.</summary>
    public DockerSockets()
        : this(
            Environment.GetEnvironmentVariable,
            File.Exists,
            path => File.Exists(path) ? File.ReadAllText(path) : null,
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            OperatingSystem.IsWindows())
    {
    }

    /// <summary>Reads what it is given (tests give another system's).</summary>
    internal DockerSockets(Func<string, string?> environment, Func<string, bool> exists, Func<string, string?> readFile, string home, bool windows)
    {
        this.environment = environment;
        this.exists = exists;
        this.readFile = readFile;
        this.home = home;
        this.windows = windows;
    }

    /// <summary>The sockets looked for when the default one is missing, in order.</summary>
    public IReadOnlyList<string> UserSockets =>
    [
        .. environment("XDG_RUNTIME_DIR") is { Length: > 0 } runtime ? [Path.Combine(runtime, "docker.sock")] : Array.Empty<string>(),
        Path.Combine(home, ".docker", "run", "docker.sock"),
        Path.Combine(home, ".docker", "desktop", "docker.sock"),
        Path.Combine(home, ".rd", "docker.sock"),
        Path.Combine(home, ".colima", "default", "docker.sock"),
        Path.Combine(home, ".orbstack", "run", "docker.sock"),
    ];

    /// <summary>
    /// The endpoint to use instead of the client library's choice, or null to keep it: null when
    /// <c>DOCKER_HOST</c> or a Docker context names the engine, on Windows (the named pipe is
    /// Docker Desktop's and the engine's default), and when the default socket exists.
    /// </summary>
    public Uri? Fallback()
    {
        if (windows || environment("DOCKER_HOST") is { Length: > 0 } || NamesContext() || exists(DefaultUnixSocket))
        {
            return null;
        }

        return UserSockets.FirstOrDefault(exists) is { } socket ? new Uri("unix://" + socket) : null;
    }

    // A context other than "default" names its own endpoint: DOCKER_CONTEXT, or the config's currentContext.
    private bool NamesContext()
    {
        if (environment("DOCKER_CONTEXT") is { Length: > 0 } named)
        {
            return named != "default";
        }

        var directory = environment("DOCKER_CONFIG") is { Length: > 0 } config ? config : Path.Combine(home, ".docker");
        var text = readFile(Path.Combine(directory, "config.json"));
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("currentContext", out var current)
                && current.ValueKind == JsonValueKind.String
                && current.GetString() is { Length: > 0 } name
                && name != "default";
        }
        catch (JsonException)
        {
            return false; // the library reports a config it cannot read
        }
    }
}
