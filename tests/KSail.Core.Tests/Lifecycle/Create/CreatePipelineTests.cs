using KSail.Core.Distributions;
using KSail.Core.Lifecycle;
using KSail.Core.Lifecycle.Create;
using KSail.Core.Readiness;
using KSail.Core.State;
using KSail.Core.Tests.Configuration;
using KSail.Testing;

namespace KSail.Core.Tests.Lifecycle.Create;

/// <summary>The create phases: their order (kind's create, then KSail.NET's install phases and checks) and the runner's failure rule.</summary>
public sealed class CreatePipelineTests : IDisposable
{
    private readonly ScratchDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Create_starts_the_registries_provisions_exports_the_kubeconfig_saves_the_spec_imports_images_then_installs_and_checks_in_KSail_order()
    {
        var names = CreatePipeline.Create.Select(p => p.Name).ToList();

        Assert.Equal(
            ["registries", "provision", "export kubeconfig", "save state", "local registry hosting", "import images", "infrastructure components", "stability check", "GitOps engine", "push workload", "GitOps bootstrap", "GitOps readiness"],
            names);
        Assert.Equal(names.Count, CreatePipeline.Create.Select(p => p.GetType()).Distinct().Count());
    }

    [Fact]
    public void Wait_ready_runs_only_the_checks_of_create_in_its_order()
    {
        Assert.Equal([typeof(StabilityCheckPhase), typeof(GitOpsReadinessPhase)], CreatePipeline.WaitReady.Select(p => p.GetType()));
        Assert.All(CreatePipeline.WaitReady, p => Assert.Contains(p, CreatePipeline.Create));
    }

    [Fact]
    public void Update_bootstraps_GitOps_with_the_phase_create_runs()
    {
        var creates = Assert.Single(CreatePipeline.Create.OfType<GitOpsBootstrapPhase>());

        Assert.Same(creates, ClusterUpdate.BootstrapGitOps);
        Assert.Same(Assert.Single(CreatePipeline.Create.OfType<PushWorkloadPhase>()), ClusterUpdate.PushWorkload);
    }

    [Fact]
    public async Task The_overall_limit_running_out_once_the_cluster_exists_is_a_readiness_timeout_naming_the_limit()
    {
        using var context = ContextWithLimit(expired: true);
        context.Created = new CreatedCluster("dev", "kind-dev", new Uri("https://127.0.0.1:6443"), string.Empty);
        var after = new Recording("after");

        var ex = await Assert.ThrowsAsync<ReadinessTimeoutException>(() => CreatePipeline.RunAsync(context, [new Cancelled(), after], TestContext.Current.CancellationToken));

        Assert.Contains("overall time limit of 10m", ex.Message, StringComparison.Ordinal);
        Assert.False(after.Ran);
    }

    [Fact]
    public async Task A_cancellation_before_the_cluster_exists_passes_through_and_stops_the_phases()
    {
        using var context = ContextWithLimit(expired: true);
        var after = new Recording("after");

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CreatePipeline.RunAsync(context, [new Cancelled(), after], TestContext.Current.CancellationToken));

        Assert.IsType<OperationCanceledException>(ex);
        Assert.False(after.Ran);
    }

    [Fact]
    public async Task Phases_run_in_the_order_given()
    {
        using var context = ContextWithLimit(expired: false);
        var order = new List<string>();
        ICreatePhase[] phases = [new Recording("one", order), new Recording("two", order), new Recording("three", order)];

        await CreatePipeline.RunAsync(context, phases, TestContext.Current.CancellationToken);

        Assert.Equal(["one", "two", "three"], order);
    }

    private CreateContext ContextWithLimit(bool expired)
    {
        dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: dev\nspec:\n  cluster:\n    distribution: Vanilla\n    connection:\n      timeout: 10m\n");
        var cluster = Declarations.Load(Path.Combine(dir.Path, "ksail.yaml"));

        // The phases here touch no node, so no provider is connected.
        return new CreateContext(cluster, null!, null, new ClusterStateStore(Path.Combine(dir.Path, "state")), TimeProvider.System)
        {
            OverallExpired = () => expired,
        };
    }

    // A phase that stops as a time limit stops it.
    private sealed class Cancelled : ICreatePhase
    {
        public string Name => "cancelled";

        public Task ExecuteAsync(CreateContext context, CancellationToken ct) => throw new OperationCanceledException();
    }

    // A phase that notes it ran.
    private sealed class Recording(string name, List<string>? order = null) : ICreatePhase
    {
        public string Name => name;

        public bool Ran { get; private set; }

        public Task ExecuteAsync(CreateContext context, CancellationToken ct)
        {
            Ran = true;
            order?.Add(name);
            return Task.CompletedTask;
        }
    }
}
