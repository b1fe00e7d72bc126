using k8s;
using KSail.Build.Tasks;
using Xunit;

namespace KSail.Xunit;

/// <summary>
/// The cluster of the test run, for code: declare it as an assembly fixture
/// (<c>[assembly: AssemblyFixture(typeof(KSailCluster))]</c>) and take it in a test class's
/// constructor. Under <c>dotnet test</c> KSail.Build.Tasks has put the cluster into the environment
/// and this only connects to it; a test app started some other way (an IDE's runner, <c>dotnet run</c>)
/// joins the session itself from the settings the build wrote next to it, and ends its part when the
/// fixture is disposed.
/// </summary>
public sealed class KSailCluster : IAsyncLifetime
{
    private SessionSettings? ownSession;
    private SessionHandle? ownHandle;
    private Kubernetes? client;

    /// <summary>The kubeconfig file holding only this cluster.</summary>
    public string KubeconfigPath { get; private set; } = string.Empty;

    /// <summary>The cluster name.</summary>
    public string ClusterName { get; private set; } = string.Empty;

    /// <summary>Its context.</summary>
    public string ContextName { get; private set; } = string.Empty;

    /// <summary>The API server endpoint.</summary>
    public Uri Endpoint { get; private set; } = new("https://127.0.0.1/");

    /// <summary>
    /// The cluster's local registry as the host pushes to it (<c>localhost:5050</c>), the
    /// <c>ContainerRegistry</c> of <c>dotnet publish -t:PublishContainer</c>; empty when the cluster has none.
    /// </summary>
    public string Registry { get; private set; } = string.Empty;

    /// <summary>A client for the cluster, ready (the API answered).</summary>
    public IKubernetes Client => client ?? throw new InvalidOperationException("the KSailCluster fixture is not initialised");

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var settingsFile = Path.Combine(AppContext.BaseDirectory, SessionSettings.FileName);
        var settings = File.Exists(settingsFile) ? SessionSettings.Read(settingsFile) : new SessionSettings { CliPath = string.Empty, ConfigFile = string.Empty };
        if (Environment.GetEnvironmentVariable(settings.KubeconfigVariable) is not { Length: > 0 } kubeconfig
            || Environment.GetEnvironmentVariable(settings.ClusterNameVariable) is not { Length: > 0 } name)
        {
            if (settings.CliPath.Length == 0)
            {
                throw new InvalidOperationException(
                    $"no cluster: {settings.KubeconfigVariable} and {settings.ClusterNameVariable} are not set and there is no {SessionSettings.FileName} beside the tests. Reference the KSail.Build.Tasks package (with KSailEnabled not false) and put a ksail.yaml beside the test project.");
            }

            var result = await KSailProcess.RunCollectingAsync(settings.CliPath, settings.StartArguments(Environment.ProcessId), TestContext.Current.CancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"KSail.NET could not provide the cluster of {settings.ConfigFile} (ksail exit code {result.ExitCode}):{Environment.NewLine}{result.Log}");
            }

            ownSession = settings;
            ownHandle = SessionHandle.Parse(result.Output);
            foreach (var (variable, value) in settings.TestEnvironment(ownHandle))
            {
                Environment.SetEnvironmentVariable(variable, value);
            }

            kubeconfig = ownHandle.KubeconfigPath;
            name = ownHandle.ClusterName;
        }

        KubeconfigPath = kubeconfig;
        ClusterName = name;
        ContextName = Environment.GetEnvironmentVariable(settings.ContextVariable) ?? string.Empty;
        Registry = Environment.GetEnvironmentVariable(settings.RegistryVariable) ?? string.Empty;
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, string.IsNullOrEmpty(ContextName) ? null : ContextName);
        Endpoint = new Uri(configuration.Host);
        client = new Kubernetes(configuration);
        // An authenticated read the API answers on every cluster. Not ListNamespaceAsync: KubernetesClient
        // 21 added a parameter to the generated list methods, so a call compiled against 19 (the lowest
        // this package depends on) would not bind on 21 (MissingMethodException).
        await client.CoreV1.ReadNamespaceAsync("default", cancellationToken: TestContext.Current.CancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        client?.Dispose();
        if (ownSession is not null && ownHandle is { NeedsEnd: true })
        {
            // An assembly fixture cannot see the tests' outcome: its own session ends as passed (the
            // teardown policy OnSuccess then deletes the cluster, as Always does).
            await KSailProcess.RunCollectingAsync(ownSession.CliPath, ownHandle.EndArguments(passed: true)).ConfigureAwait(false);
        }
    }
}
