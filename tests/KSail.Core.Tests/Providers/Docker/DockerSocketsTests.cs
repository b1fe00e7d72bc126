using KSail.Core.Providers.Docker;

namespace KSail.Core.Tests.Providers.Docker;

/// <summary>
/// Finding the engine on the clients users have when nothing names one: Docker Desktop on macOS
/// and Linux, rootless Docker, Rancher Desktop, Colima; what names an engine (DOCKER_HOST, a Docker
/// context) always wins, and Windows keeps the named pipe.
/// </summary>
public sealed class DockerSocketsTests
{
    private const string Home = "/Users/dev";

    private static DockerSockets On(Dictionary<string, string>? environment = null, string[]? files = null, string? config = null, bool windows = false) =>
        new(
            name => environment?.GetValueOrDefault(name),
            path => (files ?? []).Contains(path),
            path => path == Path.Combine(environment?.GetValueOrDefault("DOCKER_CONFIG") ?? Path.Combine(Home, ".docker"), "config.json") ? config : null,
            Home,
            windows);

    [Fact]
    public void Docker_Desktop_on_macOS_without_the_default_socket_is_found_in_the_home_folder() =>
        Assert.Equal(new Uri("unix:///Users/dev/.docker/run/docker.sock"), On(files: ["/Users/dev/.docker/run/docker.sock"]).Fallback());

    [Fact]
    public void Docker_Desktop_on_Linux_and_rootless_Docker_are_found()
    {
        Assert.Equal(new Uri("unix:///Users/dev/.docker/desktop/docker.sock"), On(files: ["/Users/dev/.docker/desktop/docker.sock"]).Fallback());
        Assert.Equal(
            new Uri("unix:///run/user/1000/docker.sock"),
            On(new() { ["XDG_RUNTIME_DIR"] = "/run/user/1000" }, ["/run/user/1000/docker.sock", "/Users/dev/.docker/desktop/docker.sock"]).Fallback());
        Assert.Equal(new Uri("unix:///Users/dev/.colima/default/docker.sock"), On(files: ["/Users/dev/.colima/default/docker.sock"]).Fallback());
    }

    [Fact]
    public void The_default_socket_when_it_exists_and_nothing_when_no_socket_does()
    {
        Assert.Null(On(files: [DockerSockets.DefaultUnixSocket, "/Users/dev/.docker/run/docker.sock"]).Fallback());
        Assert.Null(On().Fallback());
    }

    [Fact]
    public void DOCKER_HOST_and_Docker_contexts_name_the_engine_themselves()
    {
        string[] desktop = ["/Users/dev/.docker/run/docker.sock"];
        Assert.Null(On(new() { ["DOCKER_HOST"] = "tcp://10.0.0.5:2376" }, desktop).Fallback());
        Assert.Null(On(new() { ["DOCKER_CONTEXT"] = "desktop-linux" }, desktop).Fallback());
        Assert.Null(On(files: desktop, config: """{"auths":{},"currentContext":"desktop-linux"}""").Fallback());
        Assert.Null(On(new() { ["DOCKER_CONFIG"] = "/etc/docker-cfg" }, desktop, """{"currentContext":"colima"}""").Fallback());

        // The "default" context is the platform default: the fallback still looks.
        Assert.NotNull(On(new() { ["DOCKER_CONTEXT"] = "default" }, desktop).Fallback());
        Assert.NotNull(On(files: desktop, config: """{"currentContext":"default"}""").Fallback());
        Assert.NotNull(On(files: desktop, config: "not json").Fallback());
    }

    [Fact]
    public void Windows_keeps_the_named_pipe() =>
        Assert.Null(On(files: ["/Users/dev/.docker/run/docker.sock"], windows: true).Fallback());
}
