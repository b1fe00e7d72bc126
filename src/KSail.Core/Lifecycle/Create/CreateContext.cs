using k8s;
using KSail.Core.Components;
using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Core.Distributions;
using KSail.Core.Kubeconfig;
using KSail.Core.Providers;
using KSail.Core.State;

namespace KSail.Core.Lifecycle.Create;

/// <summary>
/// What the create phases share: the declared cluster, the provider and progress, and, once the
/// provision phase has run, the created cluster and one API client for the phases after it.
/// </summary>
internal sealed class CreateContext : IDisposable
{

    private Kubernetes? client;
    private KubeApi? api;
    private ComponentInstaller? installer;
    private bool ownsClient = true;

    public CreateContext(ClusterDefinition cluster, IProvider provider, IProgress<ProgressEvent>? progress, ClusterStateStore state, TimeProvider time, CreateOptions? options = null)
    {
        Cluster = cluster;
        Provider = provider;
        Progress = progress;
        State = state;
        Time = time;
        Options = options ?? new CreateOptions();
    }

    /// <summary>The declared cluster.</summary>
    public ClusterDefinition Cluster { get; }

    /// <summary>The provider the nodes run on.</summary>
    public IProvider Provider { get; }

    /// <summary>Where progress goes.</summary>
    public IProgress<ProgressEvent>? Progress { get; }

    /// <summary>Where the desired spec is saved.</summary>
    public ClusterStateStore State { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>The create's options.</summary>
    public CreateOptions Options { get; }

    /// <summary>
    /// The caller's token, apart from the overall limit: a cancellation that is not the caller's is
    /// the overall limit running out.
    /// </summary>
    public CancellationToken Caller { get; init; }

    /// <summary>Whether the overall limit (spec.cluster.connection.timeout, --timeout) has run out.</summary>
    public Func<bool> OverallExpired { get; init; } = () => false;

    /// <summary>The GitOps engine ksail.yaml declares (none when it declares none).</summary>
    public GitOpsEngine Engine => Cluster.Declared.Spec?.Cluster?.GitOpsEngine ?? GitOpsEngine.None;

    /// <summary>The registry volumes this create made (set by the registries phase): a failed create removes them again.</summary>
    public IReadOnlyList<string> NewRegistryVolumes { get; set; } = [];

    /// <summary>The created cluster (set by the provision phase, or given for a running cluster).</summary>
    public CreatedCluster? Created { get; set; }

    /// <summary>The created cluster; a phase before provisioning has none.</summary>
    public CreatedCluster Provisioned => Created ?? throw new InvalidOperationException("the cluster is not provisioned yet");

    /// <summary>One API client for the created cluster, made on first use.</summary>
    public Kubernetes Client => client ??= Kubeconfigs.CreateClient(Provisioned.Kubeconfig);

    /// <summary>The API of the created cluster.</summary>
    public KubeApi Api => api ??= new KubeApi(Client, Time);

    /// <summary>KSail.NET's component installer on the created cluster.</summary>
    public ComponentInstaller Installer => installer ??= new ComponentInstaller(Api, new ManifestStore(Http.EngineHttp.Downloads, time: Time), Progress, Time);

    /// <summary>A context on a running cluster's client made elsewhere (the caller keeps disposing it).</summary>
    public static CreateContext OnClient(ClusterDefinition cluster, Kubernetes client, IProvider provider, IProgress<ProgressEvent>? progress, ClusterStateStore state, TimeProvider time) =>
        new(cluster, provider, progress, state, time) { client = client, ownsClient = false };

    /// <inheritdoc/>
    public void Dispose()
    {
        if (ownsClient)
        {
            client?.Dispose();
        }
    }
}
