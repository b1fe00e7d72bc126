using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using KSail.Core;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Cli.Tests;

/// <summary>
/// The exit code of every command in every situation that needs no cluster of its own, from the real
/// program (README's per-command table lists the same). Success on a real cluster is covered by
/// ClusterLifecycleCommandTests, ClusterReportCommandTests, ClusterUpdateCommandTests and TestCommandTests.
/// </summary>
public sealed class ExitCodeTests : IDisposable
{
    private const string Help = "--help";
    private const string UnknownOption = "an unknown option";
    private const string NoSubcommand = "no subcommand";
    private const string BadDeclaration = "a bad ksail.yaml";
    private const string NoDocker = "DOCKER_HOST at a socket that does not exist";
    private const string MissingCluster = "a cluster that does not exist";
    private const string NoCluster = "nothing that needs a cluster";
    private const string DockerRunning = "Docker running";
    private const string NoShell = "no shell";
    private const string UnknownShell = "an unknown shell";
    private const string UnknownFormat = "--output yaml";
    private const string QuietAndVerbose = "--quiet with --verbose";
    private const string VersionOption = "--version";
    private const string BadTimeToLive = "a --ttl that is no duration";
    private const string ProjectExists = "a project there, without --force";
    private const string MissingArchive = "an archive that does not exist";
    private const string ImageNotOnHost = "an image the host's Docker does not have";
    private const string ArchiveAndImage = "an archive and --image";
    private const string NotOci = "a reference that is not oci://";
    private const string NoRegistry = "no local registry and no --registry";
    private const string EmptySource = "an empty source directory";
    private const string BadTimeout = "a --timeout that is no duration";
    private const string NoEngine = "no GitOps engine declared";
    private const string BadExclude = "an --exclude that names no object";

    // The commands that read ksail.yaml, and those that talk to Docker.
    private static readonly string[] ReadDeclaration =
    [
        "ksail cluster create", "ksail cluster delete", "ksail cluster stop", "ksail cluster start", "ksail cluster info",
        "ksail cluster kubeconfig", "ksail cluster wait", "ksail cluster update", "ksail cluster diagnose", "ksail test",
        "ksail workload import", "ksail workload export", "ksail workload push", "ksail workload reconcile",
    ];

    private static readonly string[] TalkToDocker = [.. ReadDeclaration, "ksail cluster list"];

    // What each command returns for a cluster name no cluster has, and the words it says it with.
    private static readonly (string Command, int Code, string Says)[] OnMissingCluster =
    [
        ("ksail cluster delete", ExitCodes.Success, "No cluster named '{0}' exists; nothing to delete."),
        ("ksail cluster start", ExitCodes.ProvisioningFailed, "error: no cluster named '{0}' exists"),
        ("ksail cluster stop", ExitCodes.ProvisioningFailed, "error: no cluster named '{0}' exists"),
        ("ksail cluster info", ExitCodes.ProvisioningFailed, "error: no cluster named '{0}' exists"),
        ("ksail cluster kubeconfig", ExitCodes.ProvisioningFailed, "error: no cluster named '{0}' with a control plane exists"),
        ("ksail cluster wait", ExitCodes.ProvisioningFailed, "error: no cluster named '{0}' with a control plane exists"),
        ("ksail cluster update", ExitCodes.ProvisioningFailed, "error: no spec is saved for cluster '{0}'"),
        ("ksail cluster diagnose", ExitCodes.ProvisioningFailed, "error: no cluster named '{0}' exists"),
        ("ksail workload export", ExitCodes.ProvisioningFailed, "error: no cluster named '{0}' exists"),
    ];

    private readonly ScratchDirectory dir = new();
    private readonly string name = $"x-{Guid.NewGuid().ToString("N")[..6]}";

    public void Dispose() => dir.Dispose();

    /// <summary>One row per (command, situation, exit code).</summary>
    public static IEnumerable<TheoryDataRow<string, string, int>> Rows()
    {
        foreach (var command in CommandTree.Commands)
        {
            yield return new(command, Help, ExitCodes.Success);
            yield return new(command, UnknownOption, ExitCodes.Usage);
        }

        foreach (var group in CommandTree.Groups)
        {
            yield return new(group, NoSubcommand, ExitCodes.Usage);
        }

        foreach (var command in ReadDeclaration)
        {
            yield return new(command, BadDeclaration, ExitCodes.InvalidConfiguration);
        }

        foreach (var command in TalkToDocker)
        {
            yield return new(command, NoDocker, ExitCodes.ProviderUnavailable);
        }

        foreach (var (command, code, _) in OnMissingCluster)
        {
            yield return new TheoryDataRow<string, string, int>(command, MissingCluster, code).WithTrait("Requires", "Docker");
        }

        yield return new TheoryDataRow<string, string, int>("ksail cluster list", DockerRunning, ExitCodes.Success).WithTrait("Requires", "Docker");
        foreach (var command in new[] { "ksail project init", "ksail project schema", "ksail version", "ksail completion", "ksail cluster create" })
        {
            yield return new(command, NoCluster, ExitCodes.Success);
        }

        yield return new("ksail completion", NoShell, ExitCodes.Usage);
        yield return new("ksail completion", UnknownShell, ExitCodes.Usage);
        yield return new("ksail version", UnknownFormat, ExitCodes.Usage);
        yield return new("ksail cluster list", UnknownFormat, ExitCodes.Usage);
        yield return new("ksail", QuietAndVerbose, ExitCodes.Usage);
        yield return new("ksail", VersionOption, ExitCodes.Success);
        yield return new("ksail cluster create", BadTimeToLive, ExitCodes.Usage);
        yield return new("ksail project init", ProjectExists, ExitCodes.Usage);
        yield return new("ksail workload import", ArchiveAndImage, ExitCodes.Usage);
        yield return new TheoryDataRow<string, string, int>("ksail workload import", MissingArchive, ExitCodes.InvalidConfiguration).WithTrait("Requires", "Docker");
        yield return new TheoryDataRow<string, string, int>("ksail workload import", ImageNotOnHost, ExitCodes.InvalidConfiguration).WithTrait("Requires", "Docker");
        yield return new("ksail workload push", NotOci, ExitCodes.InvalidConfiguration);
        yield return new("ksail workload push", EmptySource, ExitCodes.InvalidConfiguration);
        yield return new TheoryDataRow<string, string, int>("ksail workload push", NoRegistry, ExitCodes.InvalidConfiguration).WithTrait("Requires", "Docker");
        yield return new("ksail workload reconcile", BadTimeout, ExitCodes.Usage);
        yield return new("ksail workload reconcile", NoEngine, ExitCodes.InvalidConfiguration);
        yield return new("ksail workload reconcile", BadExclude, ExitCodes.InvalidConfiguration);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Exits_with_its_documented_code(string command, string situation, int expected)
    {
        // Given: the files and environment of the situation (a kubeconfig of the test's own, never ~/.kube/config)
        var environment = new Dictionary<string, string> { ["KUBECONFIG"] = Path.Combine(dir.Path, "kubeconfig") };
        var bad = BadDeclarations.All.Single(b => b.Name == "a distribution misspelt");
        string[] args;
        Action<KsailRun> then;
        switch (situation)
        {
            case Help:
                args = ["--help"];
                then = run =>
                {
                    Assert.StartsWith("Description:", run.Output, StringComparison.Ordinal);
                    Assert.Contains("Usage:", run.Output, StringComparison.Ordinal);
                };
                break;
            case UnknownOption:
                args = ["--no-such-option"];
                then = run => Assert.Contains("'--no-such-option'", run.Error, StringComparison.Ordinal);
                break;
            case NoSubcommand:
                args = [];
                then = run => Assert.Contains("error: Required command was not provided.", run.Error, StringComparison.Ordinal);
                break;
            case BadDeclaration:
                bad.WriteTo(dir);
                args = [];
                then = run => Assert.Contains($"{Path.Combine(dir.Path, bad.File)}:{bad.Line}:{bad.Column}: error: ", run.Error, StringComparison.Ordinal);
                break;
            case NoDocker:
                // workload reconcile needs an engine declared before it looks for Docker.
                WriteDeclaration(command == "ksail workload reconcile" ? "    gitOpsEngine: Flux\n" : string.Empty);
                environment["DOCKER_HOST"] = $"unix://{Path.Combine(dir.Path, "no-docker.sock")}";
                args = [];
                then = run =>
                {
                    Assert.Contains("Docker is not reachable", run.Error, StringComparison.Ordinal);
                    Assert.Contains("Start Docker", run.Error, StringComparison.Ordinal);
                };
                break;
            case MissingCluster:
                DockerAvailability.Require();
                WriteDeclaration();
                args = [];
                var says = string.Format(CultureInfo.InvariantCulture, OnMissingCluster.Single(m => m.Command == command).Says, name);
                then = run => Assert.Contains(says, run.Output + run.Error, StringComparison.Ordinal);
                break;
            case DockerRunning:
                DockerAvailability.Require();
                args = [];
                then = run => Assert.Equal(string.Empty, run.Error);
                break;
            case NoCluster:
                WriteDeclaration();
                switch (command)
                {
                    case "ksail project init":
                        args = ["--output", "new"];
                        then = run => Assert.True(File.Exists(Path.Combine(dir.Path, "new", "ksail.yaml")));
                        break;
                    case "ksail project schema":
                        args = [];
                        then = run => Assert.StartsWith("{", run.Output, StringComparison.Ordinal);
                        break;
                    case "ksail version":
                        args = [];
                        then = run => Assert.StartsWith("ksail ", run.Output, StringComparison.Ordinal);
                        break;
                    case "ksail completion":
                        args = ["bash"];
                        then = run => Assert.Contains("complete -o default -F _ksail_complete ksail", run.Output, StringComparison.Ordinal);
                        break;
                    case "ksail cluster create":
                        args = ["--dry-run"];
                        then = run => Assert.Contains("Dry run: nothing was created.", run.Output, StringComparison.Ordinal);
                        break;
                    default:
                        throw new ArgumentException($"no success row for {command}", nameof(command));
                }

                break;
            case NoShell:
                args = [];
                then = run => Assert.Contains("error: Required argument 'shell' missing", run.Error, StringComparison.Ordinal);
                break;
            case UnknownShell:
                args = ["fish"];
                then = run => Assert.Contains("'fish' not recognized", run.Error, StringComparison.Ordinal);
                break;
            case UnknownFormat:
                args = ["--output", "yaml"];
                then = run => Assert.Contains("'yaml'", run.Error, StringComparison.Ordinal);
                break;
            case QuietAndVerbose:
                args = ["--quiet", "--verbose", "version"];
                then = run => Assert.Contains("error: --quiet and --verbose cannot be used together", run.Error, StringComparison.Ordinal);
                break;
            case VersionOption:
                args = ["--version"];
                then = run => Assert.StartsWith("0.", run.Output, StringComparison.Ordinal);
                break;
            case BadTimeToLive:
                // Docker unreachable too: the time to live is checked before anything is created.
                WriteDeclaration();
                environment["DOCKER_HOST"] = $"unix://{Path.Combine(dir.Path, "no-docker.sock")}";
                args = ["--ttl", "soon"];
                then = run => Assert.Contains("error: --ttl 'soon' is not a duration", run.Error, StringComparison.Ordinal);
                break;
            case MissingArchive:
                // Checked before the cluster is looked for: none of that name exists.
                DockerAvailability.Require();
                WriteDeclaration();
                args = ["no-such.tar"];
                then = run => Assert.Contains($"argument archive: error: the image archive {Path.Combine(dir.Path, "no-such.tar")} does not exist", run.Error, StringComparison.Ordinal);
                break;
            case ImageNotOnHost:
                DockerAvailability.Require();
                WriteDeclaration();
                args = ["--image", "ksail-test/no-such-image:0"];
                then = run => Assert.Contains("argument --image: error: the image ksail-test/no-such-image:0 is not present in the host's Docker", run.Error, StringComparison.Ordinal);
                break;
            case ArchiveAndImage:
                WriteDeclaration();
                args = ["images.tar", "--image", "app:dev"];
                then = run => Assert.Contains("error: give an archive or --image, not both", run.Error, StringComparison.Ordinal);
                break;
            case NotOci:
                // Refused before any registry is looked for (KSail's ParseReference).
                WriteDeclaration();
                args = ["localhost:5050/k8s:dev"];
                then = run => Assert.Contains("argument reference: error: 'localhost:5050/k8s:dev' is not an OCI reference: it must start with oci://", run.Error, StringComparison.Ordinal);
                break;
            case EmptySource:
                // A registry named in full is pushed to without Docker; the empty directory is refused before any request.
                WriteDeclaration();
                Directory.CreateDirectory(Path.Combine(dir.Path, "empty"));
                args = ["oci://127.0.0.1:9/k8s:dev", "--path", "empty"];
                then = run => Assert.Contains($"argument --path: error: the source directory {Path.Combine(dir.Path, "empty")} holds no manifests", run.Error, StringComparison.Ordinal);
                break;
            case NoRegistry:
                DockerAvailability.Require();
                WriteDeclaration();
                args = [];
                then = run => Assert.Contains($"error: no registry to push to: cluster '{name}' has no local registry", run.Error, StringComparison.Ordinal);
                break;
            case BadTimeout:
                WriteDeclaration();
                args = ["--timeout", "soon"];
                then = run => Assert.Contains("error: --timeout 'soon' is not a duration", run.Error, StringComparison.Ordinal);
                break;
            case NoEngine:
                // Refused before anything is pushed or the cluster is looked for.
                WriteDeclaration();
                args = [];
                then = run => Assert.Contains("error: workload reconcile needs a GitOps engine: set spec.cluster.gitOpsEngine: Flux or ArgoCD", run.Error, StringComparison.Ordinal);
                break;
            case BadExclude:
                // Refused before anything is pushed or the cluster is looked for.
                WriteDeclaration("    gitOpsEngine: Flux\n");
                args = ["--exclude", "apps,flux-system//apps"];
                then = run => Assert.Contains("argument --exclude: error: 'flux-system//apps' is not a name, namespace/name or Kind/namespace/name", run.Error, StringComparison.Ordinal);
                break;
            case ProjectExists:
                WriteDeclaration();
                args = [];
                then = run => Assert.Contains("--force", run.Error, StringComparison.Ordinal);
                break;
            default:
                throw new ArgumentException($"unknown situation: {situation}", nameof(situation));
        }

        // When: the real program runs the command
        var run = await Ksail.RunProcessAsync(dir.Path, environment, [.. CommandTree.Arguments(command), .. args]);

        // Then: the documented code, the words that go with it, and never a stack trace
        Assert.True(run.ExitCode == expected, $"'{command}' with {situation} exited {run.ExitCode}, not {expected}.\nstdout:\n{run.Output}\nstderr:\n{run.Error}");
        then(run);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        if (situation is UnknownOption or NoSubcommand or NoShell or UnknownShell or UnknownFormat)
        {
            // Refused while parsing: nothing ran, and the way to the help is shown.
            Assert.Equal(string.Empty, run.Output);
            Assert.Contains("Run 'ksail --help' for usage.", run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_README_table_lists_every_command_with_the_codes_tested_here()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf("\n## Exit codes\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Exit codes' section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        var rows = section.Split('\n').Where(l => l.StartsWith("| `ksail", StringComparison.Ordinal)).ToDictionary(l => l.Split('`')[1], StringComparer.Ordinal);

        foreach (var command in CommandTree.Commands)
        {
            Assert.True(rows.ContainsKey(command), $"README's exit-code table has no row for '{command}'");
        }

        foreach (var row in Rows().Where(r => r.Skip is null))
        {
            var (command, situation, code) = row.Data;
            Assert.True(
                Regex.IsMatch(rows[command], $@"(^|[^0-9]){code}([^0-9]|$)"),
                $"README's row for '{command}' does not name exit code {code} ({situation}): {rows[command]}");
        }
    }

    [Fact]
    [Trait("Requires", "Docker")]
    public async Task Cluster_create_interrupted_with_SIGINT_exits_130_and_leaves_nothing()
    {
        DockerAvailability.Require();
        var ct = TestContext.Current.CancellationToken;
        var image = (await TestImages.GetAsync(ct))["k3s-node"];
        dir.Write("k3d.yaml", $"apiVersion: k3d.io/v1alpha5\nkind: Simple\nimage: {image}\nservers: 1\noptions:\n  k3d:\n    disableLoadbalancer: true\n");
        dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n    connection:\n      kubeconfig: ./kubeconfig\n");
        // SIGINT at its default disposition, as at a terminal, however the suite was started
        var start = Interruptible.StartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ksail.dll"), "cluster", "create"]);
        start.WorkingDirectory = dir.Path;

        try
        {
            using var create = Process.Start(start)!;
            var output = create.StandardOutput.ReadToEndAsync(ct);

            // Given the create has begun creating the server
            var seen = new List<string>();
            while (await create.StandardError.ReadLineAsync(ct) is { } line)
            {
                seen.Add(line);
                if (line.StartsWith("• create servers:", StringComparison.Ordinal))
                {
                    break;
                }
            }

            Assert.True(seen.Count > 0 && seen[^1].StartsWith("• create servers:", StringComparison.Ordinal), $"the create never reported 'create servers': {string.Join(" | ", seen)}");

            // When it gets SIGINT (Ctrl+C)
            using (var kill = Process.Start("kill", ["-INT", create.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(ct);
            }

            var rest = await create.StandardError.ReadToEndAsync(ct);
            await create.WaitForExitAsync(ct);
            var left = await LeftoversAsync(ct);

            // Then it exits 130, having removed what it created before it exits
            var error = string.Join("\n", seen) + "\n" + rest;
            Assert.True(create.ExitCode == ExitCodes.Cancelled, $"exit code {create.ExitCode} (left behind at exit: '{left}'):\n{await output}\n{error}");
            Assert.Contains("cancelled", rest, StringComparison.Ordinal);
            Assert.Equal(string.Empty, left);
        }
        finally
        {
            await Ksail.RunAsync(dir.Path, "cluster", "delete");
        }
    }

    [Theory]
    [Trait("Requires", "Docker")]
    [InlineData("    timeouts:\n      provision: 2s\n", new string[0], "within 2s (spec.cluster.timeouts.provision)")]
    [InlineData("", new[] { "--timeout", "2s" }, "within 2s (spec.cluster.connection.timeout, --timeout)")]
    public async Task Cluster_create_that_outlasts_its_time_limit_exits_5_naming_the_step_and_leaves_nothing(string timeouts, string[] arguments, string says)
    {
        // Given a K3s cluster whose server cannot be ready within 2 s (k3s takes several seconds to come up)
        DockerAvailability.Require();
        var ct = TestContext.Current.CancellationToken;
        var image = (await TestImages.GetAsync(ct))["k3s-node"];
        dir.Write("k3d.yaml", $"apiVersion: k3d.io/v1alpha5\nkind: Simple\nimage: {image}\nservers: 1\noptions:\n  k3d:\n    disableLoadbalancer: true\n");
        dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n{timeouts}    connection:\n      kubeconfig: ./kubeconfig\n");
        try
        {
            // When it is created
            var run = await Ksail.RunProcessAsync(dir.Path, ["cluster", "create", .. arguments]);

            // Then it fails as a failed create, says which limit ran out in which step, and nothing is left
            Assert.True(run.ExitCode == ExitCodes.ProvisioningFailed, $"exit code {run.ExitCode}:\n{run.Output}\n{run.Error}");
            Assert.Contains(says, run.Error, StringComparison.Ordinal);
            Assert.Matches(@"step '[^']+'( on \S+)? did not finish", run.Error);
            Assert.Contains("everything created was removed", run.Error, StringComparison.Ordinal);
            Assert.Equal(string.Empty, await LeftoversAsync(ct));
        }
        finally
        {
            await Ksail.RunAsync(dir.Path, "cluster", "delete");
        }
    }

    // Containers and the network of this test's K3s cluster (k3d's label and network name).
    private async Task<string> LeftoversAsync(CancellationToken ct) =>
        ((await ClusterChecks.RunAsync("docker", ct, "ps", "-a", "--format", "{{.Names}}", "--filter", $"label=k3d.cluster={name}")).Trim()
        + " " + (await ClusterChecks.RunAsync("docker", ct, "network", "ls", "--format", "{{.Name}}", "--filter", $"name=^k3d-{name}$")).Trim()).Trim();

    private void WriteDeclaration(string clusterFields = "") =>
        dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n{clusterFields}    connection:\n      kubeconfig: ./kubeconfig\n");
}
