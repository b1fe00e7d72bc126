using Microsoft.Testing.Platform.Extensions;
using Microsoft.Testing.Platform.Extensions.Messages;
using Microsoft.Testing.Platform.Extensions.TestHost;
using Microsoft.Testing.Platform.Services;

namespace KSail.Build.Tasks.TestingPlatform;

/// <summary>
/// The cluster around a Testing Platform test session. Under <c>dotnet test</c> in Testing Platform
/// mode the SDK starts the test apps itself and runs no MSBuild target after them, so the test app
/// does it: before the first test it joins the run's session (the first test app creates or reuses
/// the cluster, the others join it) and puts the cluster's kubeconfig, name, context and endpoint
/// into its environment; after the last test it ends its part with its outcome, and the last one out
/// applies the teardown policy (see KSail.Core.Sessions.TestSession).
/// </summary>
internal sealed class KSailTestSessionExtension : ITestSessionLifetimeHandler, IDataConsumer
{
    private readonly SessionSettings? settings;
    private SessionHandle? handle;
    private int failures;

    public KSailTestSessionExtension(string settingsFile) =>
        settings = File.Exists(settingsFile) ? SessionSettings.Read(settingsFile) : null;

    public string Uid => nameof(KSailTestSessionExtension);

    public string Version => typeof(KSailTestSessionExtension).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    public string DisplayName => "KSail.NET cluster";

    public string Description => "Creates or reuses the cluster declared in ksail.yaml for the test session and tears it down by its policy.";

    public Type[] DataTypesConsumed { get; } = [typeof(TestNodeUpdateMessage)];

    /// <summary>
    /// On when the build wrote the settings, and neither the build (VSTest mode) nor <c>ksail test</c>
    /// (KSAIL_TEST_CLUSTER_PROVIDED) has provided the cluster itself.
    /// </summary>
    public Task<bool> IsEnabledAsync() =>
        Task.FromResult(settings is not null
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KSAIL_TEST_SESSION_PARTICIPANT"))
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KSAIL_TEST_CLUSTER_PROVIDED")));

    public Task ConsumeAsync(IDataProducer dataProducer, IData value, CancellationToken cancellationToken)
    {
        if (value is TestNodeUpdateMessage update
            && update.TestNode.Properties.SingleOrDefault<TestNodeStateProperty>() is FailedTestNodeStateProperty or ErrorTestNodeStateProperty or TimeoutTestNodeStateProperty)
        {
            Interlocked.Increment(ref failures);
        }

        return Task.CompletedTask;
    }

    public async Task OnTestSessionStartingAsync(ITestSessionContext testSessionContext)
    {
        ArgumentNullException.ThrowIfNull(testSessionContext);
        var result = await KSailProcess.RunCollectingAsync(settings!.CliPath, settings.StartArguments(Environment.ProcessId), testSessionContext.CancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"KSail.NET could not provide the cluster of {settings.ConfigFile} (ksail exit code {result.ExitCode}):{Environment.NewLine}{result.Log}");
        }

        handle = SessionHandle.Parse(result.Output);
        foreach (var (name, value) in settings.TestEnvironment(handle))
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public async Task OnTestSessionFinishingAsync(ITestSessionContext testSessionContext)
    {
        if (handle is not { NeedsEnd: true })
        {
            return;
        }

        var result = await KSailProcess.RunCollectingAsync(settings!.CliPath, handle.EndArguments(passed: Volatile.Read(ref failures) == 0)).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"KSail.NET could not tear down the cluster {handle.ClusterName} (ksail exit code {result.ExitCode}):{Environment.NewLine}{result.Log}");
        }
    }
}
