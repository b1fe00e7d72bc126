using System.IO.Compression;
using KSail.Testing;
using KSail.Testing.TestBed;

namespace KSail.Build.Tasks.Tests;

/// <summary>
/// The .NET container flow end to end (issue #20; README "From source to cluster", ".NET apps: dotnet
/// publish into the cluster's registry"): a throw-away solution with a web app and a test project that
/// references the packed KSail.Build.Tasks, its ksail.yaml declaring a local registry. <c>dotnet test</c>
/// creates the cluster and gives the tests <c>KSAIL_LOCAL_REGISTRY</c>; the test publishes the app with
/// the SDK's container support (<c>dotnet publish -t:PublishContainer -p:ContainerRegistry=...</c>, no
/// Dockerfile, no Docker build) into the cluster's registry, runs it in a Pod whose node pulls
/// <c>localhost:&lt;port&gt;/app:&lt;tag&gt;</c> through the registry mirror KSail wrote into it, and
/// calls it through its Service (the API server's service proxy).
/// </summary>
public sealed class ContainerPublishTests(PackageFeed feed)
{
    [Fact]
    public async Task The_session_settings_name_the_registry_variable_the_tests_get_KSAIL_LOCAL_REGISTRY_by_default_and_KSailRegistryVariable_renames_it()
    {
        // No cluster: the shipped targets' settings file, which the session (VSTest task, Testing Platform
        // extension, KSailCluster fixture) reads to name the variables it sets.
        var ct = TestContext.Current.CancellationToken;
        using var dir = new ScratchDirectory();
        var unpacked = Path.Combine(dir.Path, "package");
        await ZipFile.ExtractToDirectoryAsync(Path.Combine(feed.Folder, $"KSail.Build.Tasks.{feed.Version}.nupkg"), unpacked, ct);
        dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: probe\nspec:\n  cluster:\n    localRegistry:\n      registry: localhost:5050\n");
        var project = dir.Write("probe/probe.proj", $"""
            <Project>
              <PropertyGroup>
                <IsTestProject>true</IsTestProject>
                <OutDir>$(MSBuildProjectDirectory)/out/</OutDir>
              </PropertyGroup>
              <Import Project="{Path.Combine(unpacked, "build", "KSail.Build.Tasks.targets")}" />
            </Project>
            """);

        string[] Settings() => File.ReadAllLines(Path.Combine(dir.Path, "probe", "out", "ksail.testsession.settings"));
        var byDefault = await DotnetRun.RunAsync(dir.Path, ["msbuild", project, "-t:KSailWriteSessionSettings", "-nologo"], TimeSpan.FromMinutes(2), ct);
        Assert.True(byDefault.ExitCode == 0, byDefault.Output);
        Assert.Contains("RegistryVariable=KSAIL_LOCAL_REGISTRY", Settings());

        var renamed = await DotnetRun.RunAsync(dir.Path, ["msbuild", project, "-t:KSailWriteSessionSettings", "-p:KSailRegistryVariable=APP_REGISTRY", "-nologo"], TimeSpan.FromMinutes(2), ct);
        Assert.True(renamed.ExitCode == 0, renamed.Output);
        Assert.Contains("RegistryVariable=APP_REGISTRY", Settings());
    }

    [Fact]
    [Trait("Requires", "Docker")]
    public async Task A_web_app_published_with_PublishContainer_to_the_clusters_registry_runs_in_a_Pod_and_the_test_reaches_it_through_its_Service()
    {
        DockerAvailability.Require();
        var ct = TestContext.Current.CancellationToken;
        var port = ClusterChecks.FreeLoopbackPort();
        var registry = $"localhost:{port}";
        var baseImage = await RuntimeDepsImage.BuildAsync(ct);
        string? cluster = null;
        try
        {
            using var project = await ThrowAwayTestProject.CreateAsync(
                feed,
                TestMode.VSTest,
                ksailYamlTail: $"    localRegistry:\n      registry: {registry}\n",
                testCode: InnerTest(baseImage));
            cluster = project.ClusterName;
            project.Write("App/App.csproj", AppProject);
            project.Write("App/Program.cs", AppProgram);

            // The MSBuild side: KSailRegistry, the session target's output, for a target of the user's own.
            project.Write("Inner.Tests/Directory.Build.targets", ShowKSailRegistryAfter("KSailTestSessionStart"));

            // The registry image stand-in (registry:3 cannot be pulled here).
            var run = await project.TestWithEnvironmentAsync(new Dictionary<string, string> { ["KSAIL_REGISTRY_IMAGE"] = await TestImages.RegistryAsync(ct) });

            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Contains($"KSailRegistry={registry}", run.Output, StringComparison.Ordinal);
            var report = project.ReportOf();
            Assert.NotNull(report);
            Assert.Equal(registry, report["registry"]);
            Assert.Equal("hello from the app", report["response"]);
            Assert.Contains($"{registry}/app:{report["tag"]}", report["pulled"], StringComparison.Ordinal);

            // VSTest mode: the build's end tore the cluster down, its local registry container with it.
            Assert.Equal(string.Empty, await project.LeftoversAsync());
            Assert.Equal(string.Empty, (await ClusterChecks.RunAsync("docker", ct, "ps", "-a", "--format", "{{.Names}}", "--filter", $"name=^{cluster}-local-registry$")).Trim());
        }
        finally
        {
            await RuntimeDepsImage.RemoveAsync(baseImage, $"{registry}/runtime-deps:test");
            if (cluster is not null)
            {
                // Cluster delete keeps the local registry's volume (its images survive a re-create); this test's is removed.
                await ClusterChecks.RunAsync("bash", CancellationToken.None, "-c", "docker volume rm -f \"$1\" >/dev/null", "rm", $"{cluster}-local-registry");
            }
        }
    }

    [Fact]
    [Trait("Requires", "Docker")]
    public async Task The_KSailClusterCreate_target_outputs_KSailRegistry_read_from_cluster_info_json()
    {
        DockerAvailability.Require();
        var ct = TestContext.Current.CancellationToken;
        var registry = $"localhost:{ClusterChecks.FreeLoopbackPort()}";
        using var project = await ThrowAwayTestProject.CreateAsync(feed, TestMode.VSTest, ksailYamlTail: $"    connection:\n      kubeconfig: kubeconfig\n    localRegistry:\n      registry: {registry}\n");
        try
        {
            project.Write("Inner.Tests/Directory.Build.targets", ShowKSailRegistryAfter("KSailClusterCreate"));
            var environment = new Dictionary<string, string> { ["KSAIL_REGISTRY_IMAGE"] = await TestImages.RegistryAsync(ct) };

            var create = await DotnetRun.RunAsync(project.Path, ["build", "Inner.Tests/Inner.Tests.csproj", "-t:KSailClusterCreate", "-tl:off"], TimeSpan.FromMinutes(10), ct, environment: environment);

            Assert.True(create.ExitCode == 0, create.Output);
            Assert.Contains($"KSailRegistry={registry}", create.Output, StringComparison.Ordinal);
            var delete = await DotnetRun.RunAsync(project.Path, ["build", "Inner.Tests/Inner.Tests.csproj", "-t:KSailClusterDelete", "-tl:off"], TimeSpan.FromMinutes(5), ct, environment: environment);
            Assert.True(delete.ExitCode == 0, delete.Output);
            Assert.Equal(string.Empty, await project.LeftoversAsync());
        }
        finally
        {
            await ClusterChecks.RunAsync("bash", CancellationToken.None, "-c", "docker volume rm -f \"$1\" >/dev/null", "rm", $"{project.ClusterName}-local-registry");
        }
    }

    // A target of the user's own after the package's target, printing what it output.
    private static string ShowKSailRegistryAfter(string target) => $"""
        <Project>
          <Target Name="ShowKSailRegistry" AfterTargets="{target}">
            <Message Importance="high" Text="KSailRegistry=$(KSailRegistry)" />
          </Target>
        </Project>
        """;

    // The app: ASP.NET Core, self-contained for linux-x64 (the base image has no .NET), invariant
    // globalization (no ICU in the base image), Kestrel on 8080; its repository is set in the project,
    // the registry, base image and tag on the command line (the README's recipe).
    private const string AppProject = """
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <RuntimeIdentifier>linux-x64</RuntimeIdentifier>
            <SelfContained>true</SelfContained>
            <InvariantGlobalization>true</InvariantGlobalization>
            <ContainerRepository>app</ContainerRepository>
          </PropertyGroup>
          <ItemGroup>
            <ContainerPort Include="8080" Type="tcp" />
            <ContainerEnvironmentVariable Include="ASPNETCORE_HTTP_PORTS" Value="8080" />
          </ItemGroup>
        </Project>
        """;

    private const string AppProgram = """
        var app = WebApplication.CreateBuilder(args).Build();
        app.MapGet("/", () => "hello from the app");
        app.Run();
        """;

    // The throw-away test: what a user's test does (publish the app into KSAIL_LOCAL_REGISTRY, run it,
    // call it), plus the push of the base image, which stands in for mcr.microsoft.com here.
    private static string InnerTest(string baseImage) => $$""""
        using System.Diagnostics;
        using k8s;
        using k8s.Models;
        using Xunit;

        public class AppTests
        {
            [Fact]
            public async Task The_app_published_into_the_clusters_registry_answers_through_its_Service()
            {
                var ct = TestContext.Current.CancellationToken;
                var registry = Environment.GetEnvironmentVariable("KSAIL_LOCAL_REGISTRY");
                Assert.False(string.IsNullOrEmpty(registry), "KSAIL_LOCAL_REGISTRY is not set");
                var tag = Guid.NewGuid().ToString("N")[..8];
                var image = $"{registry}/app:{tag}";
                File.WriteAllLines(@"REPORT", [$"registry={registry}", $"tag={tag}", $"image={image}"]);

                // The test bed's stand-in for mcr.microsoft.com/dotnet/runtime-deps, pushed first (no registry outside is reachable).
                await RunAsync(ct, "docker", "tag", "{{baseImage}}", $"{registry}/runtime-deps:test");
                await RunAsync(ct, "docker", "push", $"{registry}/runtime-deps:test");

                // The recipe: the SDK builds the image and pushes it to the cluster's registry (plain HTTP: localhost is insecure to the SDK).
                await RunAsync(ct, "dotnet", "publish", Path.Combine(AppContext.BaseDirectory, "../../../../App/App.csproj"), "-t:PublishContainer",
                    $"-p:ContainerRegistry={registry}", $"-p:ContainerBaseImage={registry}/runtime-deps:test", $"-p:ContainerImageTag={tag}", "--disable-build-servers");

                using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Environment.GetEnvironmentVariable("KUBECONFIG")));
                var ns = "default";
                var node = $"k3d-{Environment.GetEnvironmentVariable("KSAIL_CLUSTER_NAME")}-server-0";
                var labels = new Dictionary<string, string> { ["app"] = "app" };

                // Kubernetes 1.20 gives a Pod its service account's token Secret: wait for the token controller.
                await WaitAsync(async () => (await client.CoreV1.ReadNamespacedServiceAccountAsync("default", ns, cancellationToken: ct)).Secrets?.Count > 0, "the default service account's token", ct);
                await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
                {
                    Metadata = new V1ObjectMeta { Name = "app", Labels = labels },
                    Spec = new V1PodSpec
                    {
                        NodeSelector = new Dictionary<string, string> { ["kubernetes.io/hostname"] = node },
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "app",
                                Image = image,
                                ImagePullPolicy = "IfNotPresent",
                                Ports = [new V1ContainerPort { ContainerPort = 8080, Name = "http" }],
                                ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/", Port = 8080 }, PeriodSeconds = 1 },
                            },
                        ],
                    },
                }, ns, cancellationToken: ct);
                await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
                {
                    Metadata = new V1ObjectMeta { Name = "app" },
                    Spec = new V1ServiceSpec { Selector = labels, Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = 8080 }] },
                }, ns, cancellationToken: ct);

                V1Pod? pod = null;
                await WaitAsync(async () =>
                {
                    pod = await client.CoreV1.ReadNamespacedPodAsync("app", ns, cancellationToken: ct);
                    return pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
                }, $"Pod app Ready (last status: {System.Text.Json.JsonSerializer.Serialize(pod?.Status)})", ct);
                File.AppendAllLines(@"REPORT", [$"pulled={pod!.Status.ContainerStatuses.Single().Image}"]);

                // Through the Service: the API server's proxy to it (the endpoints follow the Pod's readiness).
                string response = string.Empty;
                await WaitAsync(async () =>
                {
                    try
                    {
                        using var stream = await client.CoreV1.ConnectGetNamespacedServiceProxyAsync("app:http", ns, cancellationToken: ct);
                        response = await new StreamReader(stream).ReadToEndAsync(ct);
                        return true;
                    }
                    catch (k8s.Autorest.HttpOperationException)
                    {
                        return false;
                    }
                }, "an answer through Service app", ct);
                File.AppendAllLines(@"REPORT", [$"response={response}"]);
                Assert.Equal("hello from the app", response);
            }

            private static async Task WaitAsync(Func<Task<bool>> done, string what, CancellationToken ct)
            {
                var watch = Stopwatch.StartNew();
                while (!await done())
                {
                    Assert.True(watch.Elapsed < TimeSpan.FromMinutes(4), $"gave up waiting for {what}");
                    await Task.Delay(500, ct);
                }
            }

            // A child process with the MSBuild variables of this test run removed (the publish is a build of its own).
            private static async Task RunAsync(CancellationToken ct, string program, params string[] arguments)
            {
                var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (var argument in arguments)
                {
                    start.ArgumentList.Add(argument);
                }

                foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("MSBUILD", StringComparison.Ordinal)).ToList())
                {
                    start.Environment.Remove(name);
                }

                using var process = Process.Start(start)!;
                var output = process.StandardOutput.ReadToEndAsync(ct);
                var error = process.StandardError.ReadToEndAsync(ct);
                await process.WaitForExitAsync(ct);
                Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await error}");
            }
        }
        """";
}
