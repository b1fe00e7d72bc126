using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using KSail.Core.Labels;
using KSail.Testing;
using YamlDotNet.RepresentationModel;

namespace KSail.Cli.Tests;

/// <summary>
/// <c>.github/workflows/e2e.yml</c> runs only on GitHub's runners (cgroup v2, the real default
/// images), never here; these tests keep it valid: its YAML, its shell steps, the files it names,
/// the clusters its matrix declares (planned with the real default images), and the steps the
/// issue asks of it (example tests, stop/start, a Docker restart, delete, a leak check).
/// </summary>
public sealed partial class E2eWorkflowTests
{
    private static readonly string WorkflowPath = Path.Combine(RepositoryPaths.Root, ".github", "workflows", "e2e.yml");

    private static YamlMappingNode Workflow()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(WorkflowPath);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlMappingNode Job() => (YamlMappingNode)((YamlMappingNode)Workflow()["jobs"])["e2e"];

    private static IEnumerable<YamlMappingNode> Steps() => ((YamlSequenceNode)Job()["steps"]).Children.Cast<YamlMappingNode>();

    private static List<YamlMappingNode> Matrix() =>
        ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)Job()["strategy"])["matrix"])["include"]).Children.Cast<YamlMappingNode>().ToList();

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    [GeneratedRegex(@"\$\{\{[^}]*\}\}")]
    private static partial Regex Expression();

    [Fact]
    public void The_workflow_runs_on_an_ubuntu_runner_with_pinned_actions()
    {
        Assert.StartsWith("ubuntu-", Scalar(Job(), "runs-on"), StringComparison.Ordinal);
        var uses = Steps().Select(s => Scalar(s, "uses")).OfType<string>().ToList();
        Assert.NotEmpty(uses);
        Assert.All(uses, u => Assert.Matches(@"^actions/(checkout|setup-dotnet)@v\d+$", u));
    }

    [Fact]
    public async Task Every_shell_step_is_valid_bash()
    {
        foreach (var step in Steps().Where(s => Scalar(s, "run") is not null))
        {
            // GitHub substitutes ${{ ... }} before the shell sees the script.
            var script = Expression().Replace(Scalar(step, "run")!, "expr");
            var check = new ProcessStartInfo("bash", ["-n"]) { RedirectStandardInput = true, RedirectStandardError = true };
            using var bash = Process.Start(check)!;
            await bash.StandardInput.WriteAsync(script);
            bash.StandardInput.Close();
            var error = await bash.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await bash.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(bash.ExitCode == 0, $"step '{Scalar(step, "name")}' is not valid bash: {error}");
        }
    }

    [Fact]
    public void The_steps_create_test_stop_start_restart_delete_and_check_for_leaks()
    {
        var runs = string.Join('\n', Steps().Select(s => Scalar(s, "run")).OfType<string>());
        foreach (var command in new[] { "cluster create", "cluster stop", "cluster start", "cluster delete", "systemctl restart docker", "get --raw /readyz", "dotnet test --project examples/tests/Example.Tests.csproj", "dotnet pack src/KSail.Build.Tasks" })
        {
            Assert.Contains(command, runs, StringComparison.Ordinal);
        }

        // The delete and the leak check run whatever failed before them, and the leak check asks by
        // the label every resource KSail.NET creates carries.
        foreach (var name in new[] { "Delete", "Nothing left behind" })
        {
            Assert.Equal("always()", Scalar(Steps().Single(s => Scalar(s, "name") == name), "if"));
        }

        Assert.Contains($"label={ResourceLabels.ManagedBy}={ResourceLabels.Tool}", runs, StringComparison.Ordinal);

        // The paths the steps name exist.
        foreach (var path in new[] { "src/KSail.Cli", "src/KSail.Build.Tasks", "examples/tests/Example.Tests.csproj" })
        {
            Assert.True(Path.Exists(Path.Combine(RepositoryPaths.Root, path)), $"e2e.yml names {path}, which does not exist");
        }
    }

    [Fact]
    public async Task The_matrix_plans_one_and_three_node_Vanilla_and_K3s_with_agents_on_the_default_images()
    {
        var shapes = new List<string>();
        foreach (var entry in Matrix())
        {
            var config = Scalar(entry, "config")!;
            var plan = await Ksail.RunAsync(RepositoryPaths.Root, "cluster", "create", "--config", Path.Combine(RepositoryPaths.Root, config), "--dry-run", "--output", "json");
            Assert.True(plan.ExitCode == 0, $"{config} does not plan: {plan.Output}{plan.Error}");
            using var json = JsonDocument.Parse(plan.Output);
            var root = json.RootElement;
            var distribution = root.GetProperty("distribution").GetString();
            var nodes = root.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("role").GetString() != "LoadBalancer").ToList();

            // The context the steps compute from the matrix is the one create writes.
            Assert.Equal(root.GetProperty("context").GetString(), $"{Scalar(entry, "prefix")}-{root.GetProperty("name").GetString()}");

            // The real default images, never the test bed's.
            var images = root.GetProperty("images").EnumerateArray().Select(i => i.GetString()!).ToList();
            Assert.All(images, i => Assert.DoesNotContain("ksail-testbed", i, StringComparison.Ordinal));
            Assert.Contains(images, i => i.StartsWith(distribution == "K3s" ? "rancher/k3s:" : "kindest/node:", StringComparison.Ordinal));
            shapes.Add($"{distribution}/{nodes.Count}");
        }

        Assert.Contains("Vanilla/1", shapes);
        Assert.Contains("Vanilla/3", shapes);
        Assert.Contains(shapes, s => s.StartsWith("K3s/", StringComparison.Ordinal) && int.Parse(s[4..], System.Globalization.CultureInfo.InvariantCulture) > 1);
    }
}
