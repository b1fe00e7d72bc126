using KSail.Core;
using KSail.Testing;
using KSail.Testing.TestBed;
using YamlDotNet.RepresentationModel;

namespace KSail.Cli.Tests;

/// <summary>
/// Two <c>ksail cluster create</c> processes started together on the test bed (K3s stand-in servers,
/// up in seconds) write one kubeconfig: the file of <c>KUBECONFIG</c> kind and kubectl would write
/// (the first that exists), under client-go's <c>&lt;file&gt;.lock</c>. Both contexts end up in it, the
/// user's entries (<see cref="UsersKubeconfig"/>: an exec user with <c>interactiveMode</c>, ...) stay
/// as written, and the deletes remove exactly theirs.
/// </summary>
[Trait("Requires", "Docker")]
public sealed class ConcurrentCreateKubeconfigTests : IAsyncLifetime
{
    private const string UsersFile = UsersKubeconfig.Text;

    private readonly ScratchDirectory dir = new();
    private readonly string[] names = [$"p-{Guid.NewGuid().ToString("N")[..6]}", $"q-{Guid.NewGuid().ToString("N")[..6]}"];
    private Dictionary<string, string> environment = [];

    private string Kubeconfig => Path.Combine(dir.Path, "config");

    public async ValueTask InitializeAsync()
    {
        DockerAvailability.Require();
        var image = (await TestImages.GetAsync(TestContext.Current.CancellationToken))["k3s-node"];
        foreach (var name in names)
        {
            dir.Write($"{name}/k3d.yaml", $"apiVersion: k3d.io/v1alpha5\nkind: Simple\nimage: {image}\nservers: 1\noptions:\n  k3d:\n    disableLoadbalancer: true\n");
            dir.Write($"{name}/ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n");
        }

        dir.Write("config", UsersFile);
        environment = new Dictionary<string, string> { ["KUBECONFIG"] = string.Join(Path.PathSeparator, Path.Combine(dir.Path, "missing"), Kubeconfig) };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in names)
        {
            await Ksail.RunProcessAsync(Path.Combine(dir.Path, name), environment, "cluster", "delete");
        }

        dir.Dispose();
    }

    [Fact]
    public async Task Two_creates_at_once_in_separate_processes_both_end_up_in_the_one_kubeconfig_and_the_users_entries_stay()
    {
        var created = await Task.WhenAll(names.Select(name => Ksail.RunProcessAsync(Path.Combine(dir.Path, name), environment, "cluster", "create")));

        Assert.All(created, run => Assert.True(run.ExitCode == ExitCodes.Success, run.Error));
        Assert.False(File.Exists(Path.Combine(dir.Path, "missing")));
        Assert.False(File.Exists(Kubeconfig + ".lock"));
        var contexts = Contexts();
        Assert.Contains("eks", contexts);
        Assert.Contains("gke", contexts);
        Assert.All(names, name => Assert.Contains($"k3d-{name}", contexts));
        Assert.StartsWith("# managed by hand, keep this comment", File.ReadAllText(Kubeconfig), StringComparison.Ordinal);
        Assert.Contains("interactiveMode: Never", File.ReadAllText(Kubeconfig), StringComparison.Ordinal);

        var deleted = await Task.WhenAll(names.Select(name => Ksail.RunProcessAsync(Path.Combine(dir.Path, name), environment, "cluster", "delete")));

        Assert.All(deleted, run => Assert.True(run.ExitCode == ExitCodes.Success, run.Error));
        Assert.Equal(["eks", "gke"], Contexts());
        Assert.Equal(UsersFile.Replace("current-context: eks", "current-context: \"\"", StringComparison.Ordinal), File.ReadAllText(Kubeconfig));
    }

    private List<string?> Contexts()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Kubeconfig))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return [.. ((YamlSequenceNode)root[new YamlScalarNode("contexts")]).Children.Select(c => ((YamlScalarNode)((YamlMappingNode)c)[new YamlScalarNode("name")]).Value)];
    }
}
