using KSail.Core;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Cli.Tests;

public sealed class ClusterCreateTests
{
    public static TheoryData<string> BadNames => new(BadDeclarations.All.Select(b => b.Name));

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task Every_bad_declaration_exits_3_naming_file_line_and_column(string name)
    {
        // Given
        var bad = BadDeclarations.All.Single(b => b.Name == name);
        using var dir = new ScratchDirectory();
        bad.WriteTo(dir);

        // When
        var run = await Ksail.RunAsync(dir.Path, "cluster", "create", "--dry-run");

        // Then
        Assert.Equal(ExitCodes.InvalidConfiguration, run.ExitCode);
        var location = $"{Path.Combine(dir.Path, bad.File)}:{bad.Line}:{bad.Column}: error: ";
        Assert.Contains(run.Error.Split('\n'), line => line.StartsWith(location, StringComparison.Ordinal) && line.Contains(bad.Message, StringComparison.Ordinal));
        Assert.Contains("nothing was created", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal); // no stack trace
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public async Task Dry_run_prints_the_plan_of_the_example()
    {
        var examples = Path.Combine(RepositoryPaths.Root, "examples", "vanilla");

        var run = await Ksail.RunAsync(examples, "cluster", "create", "--dry-run");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        foreach (var expected in new[]
                 {
                     "Plan for cluster 'demo' (Vanilla on Docker)", "demo-control-plane", "demo-worker2", "ControlPlane", "Worker",
                     "127.0.0.1:free, kept", "a free host port is picked at create and kept across restarts", "6443/TCP", "127.0.0.1:8080", "80/TCP", "kindnetd", "Timeouts: provision 5m",
                     "Dry run: nothing was created.",
                 })
        {
            Assert.Contains(expected, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Dry_run_of_the_K3s_example_plans_k3d_s_load_balancer_with_the_image_K3D_IMAGE_LOADBALANCER_names()
    {
        var examples = Path.Combine(RepositoryPaths.Root, "examples", "k3s");

        var run = await Ksail.RunAsync(examples, new Dictionary<string, string?> { ["K3D_IMAGE_LOADBALANCER"] = "local/k3d-proxy:test" }, "cluster", "create", "--dry-run");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.Matches(@"k3d-demo-k3s-serverlb\s*│\s*LoadBalancer\s*│\s*local/k3d-proxy:test", run.Output);
        Assert.Contains("forwarded", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arguments_override_the_file()
    {
        var examples = Path.Combine(RepositoryPaths.Root, "examples", "vanilla");

        var run = await Ksail.RunAsync(examples, "cluster", "create", "--dry-run", "--name", "other");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("Plan for cluster 'other'", run.Output, StringComparison.Ordinal);
        Assert.Contains("other-control-plane", run.Output, StringComparison.Ordinal);

        // KSail's short aliases: -n, -d, -p; and the components KSail.NET installs, shown in the plan.
        var aliases = await Ksail.RunAsync(examples, "cluster", "create", "--dry-run", "-n", "short", "-d", "Vanilla", "-p", "Docker", "--metrics-server", "Enabled", "--gitops-engine", "Flux");
        Assert.Equal(ExitCodes.Success, aliases.ExitCode);
        Assert.Contains("Plan for cluster 'short'", aliases.Output, StringComparison.Ordinal);
        Assert.Contains("metrics-server v0.9.0", aliases.Output, StringComparison.Ordinal);
        Assert.Contains("Flux v2.9.4 (installed by", aliases.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warnings_are_printed_and_the_plan_still_runs()
    {
        using var dir = new ScratchDirectory();
        dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nspec:\n  editor: vim\n");

        var run = await Ksail.RunAsync(dir.Path, "cluster", "create", "--dry-run");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.StartsWith($"{Path.Combine(dir.Path, "ksail.yaml")}:4:11: warning: spec.editor has no effect", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requires", "Docker")]
    public async Task Create_with_an_image_that_cannot_be_pulled_exits_5_naming_the_step_and_leaves_nothing()
    {
        DockerAvailability.Require();
        using var dir = new ScratchDirectory();
        var name = $"cli-{Guid.NewGuid().ToString("N")[..6]}";
        dir.Write("kind.yaml", "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: 127.0.0.1:1/ksail-test/kind-node:none\n");
        dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\n");

        var run = await Ksail.RunAsync(dir.Path, "cluster", "create");
        var list = await Ksail.RunAsync(dir.Path, "cluster", "list");

        Assert.Equal(ExitCodes.ProvisioningFailed, run.ExitCode);
        Assert.Contains("step 'check images'", run.Error, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:1/ksail-test/kind-node:none", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(name, list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_ksail_yaml_anywhere_exits_3_with_the_way_out()
    {
        var root = Path.GetPathRoot(Path.GetTempPath())!;

        var run = await Ksail.RunAsync(root, "cluster", "create", "--dry-run");

        Assert.Equal(ExitCodes.InvalidConfiguration, run.ExitCode);
        Assert.Contains("ksail project init", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_Docker_exits_4_saying_how_to_start_it()
    {
        using var dir = new ScratchDirectory();
        dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\n");
        var nowhere = new Dictionary<string, string> { ["DOCKER_HOST"] = $"unix://{Path.Combine(dir.Path, "no-docker.sock")}" };

        var create = await Ksail.RunProcessAsync(dir.Path, nowhere, "cluster", "create");
        var list = await Ksail.RunProcessAsync(dir.Path, nowhere, "cluster", "list");

        Assert.Equal(ExitCodes.ProviderUnavailable, create.ExitCode);
        Assert.Contains("Docker is not reachable", create.Error, StringComparison.Ordinal);
        Assert.Contains("Start Docker", create.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ProviderUnavailable, list.ExitCode);
    }

    [Fact]
    public async Task The_real_program_exits_with_the_documented_codes()
    {
        using var dir = new ScratchDirectory();
        dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nspec:\n  cluster:\n    distribution: Vanila\n");

        var invalid = await Ksail.RunProcessAsync(dir.Path, "cluster", "create", "--dry-run");
        var usage = await Ksail.RunProcessAsync(dir.Path, "cluster", "create", "--no-such-option");
        var help = await Ksail.RunProcessAsync(dir.Path, "--help");

        Assert.Equal(ExitCodes.InvalidConfiguration, invalid.ExitCode);
        Assert.Contains("ksail.yaml:5:19: error: spec.cluster.distribution is 'Vanila'", invalid.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, usage.ExitCode);
        Assert.Contains("--no-such-option", usage.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, help.ExitCode);
        Assert.Contains("cluster", help.Output, StringComparison.Ordinal);
    }
}
