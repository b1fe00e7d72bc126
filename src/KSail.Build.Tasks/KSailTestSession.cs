using Microsoft.Build.Framework;

namespace KSail.Build.Tasks;

/// <summary>
/// VSTest mode (<c>dotnet test</c> runs the <c>VSTest</c> target): joins the run's cluster session
/// before the tests of a project and puts the cluster's kubeconfig, name, context, endpoint and local registry into the
/// environment the test host inherits. One participant per MSBuild node: the projects a node tests
/// share it, and at the end of the build (a registered object with build lifetime) the node ends its
/// part, passed only if every project it started passed. The node that is the <c>dotnet test</c>
/// process itself ends last and tears down by the policy; a run that dies is torn down by its reaper.
/// </summary>
public sealed class KSailTestSessionStart : KSailTask
{
    /// <summary>The session settings the build wrote next to the test app.</summary>
    [Required]
    public string SettingsFile { get; set; } = string.Empty;

    /// <summary>The test project.</summary>
    [Required]
    public string ProjectPath { get; set; } = string.Empty;

    /// <summary>The cluster.</summary>
    [Output]
    public string ClusterName { get; private set; } = string.Empty;

    /// <summary>The kubeconfig file holding only this cluster.</summary>
    [Output]
    public string KubeconfigPath { get; private set; } = string.Empty;

    /// <summary>The cluster's context.</summary>
    [Output]
    public string ContextName { get; private set; } = string.Empty;

    /// <summary>The API server endpoint.</summary>
    [Output]
    public string Endpoint { get; private set; } = string.Empty;

    /// <summary>The cluster's local registry as the host pushes to it (<c>localhost:5050</c>); empty when it has none.</summary>
    [Output]
    public string Registry { get; private set; } = string.Empty;

    /// <inheritdoc />
    public override bool Execute()
    {
        var settings = SessionSettings.Read(SettingsFile);
        var key = NodeSession.KeyOf(settings.ConfigFile);
        if (BuildEngine4.GetRegisteredTaskObject(key, RegisteredTaskObjectLifetime.Build) is not NodeSession session)
        {
            if (!Run(settings.StartArguments(Environment.ProcessId), out var output))
            {
                return false;
            }

            session = new NodeSession(settings, SessionHandle.Parse(output));
            BuildEngine4.RegisterTaskObject(key, session, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
        }

        session.Started(ProjectPath);
        foreach (var (name, value) in settings.TestEnvironment(session.Handle))
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        // The Testing Platform extension stands aside when the build provides the cluster.
        Environment.SetEnvironmentVariable(NodeSession.ProvidedVariable, session.Handle.ParticipantId);
        ClusterName = session.Handle.ClusterName;
        KubeconfigPath = session.Handle.KubeconfigPath;
        ContextName = session.Handle.ContextName;
        Endpoint = session.Handle.Server;
        Registry = session.Handle.Registry ?? string.Empty;
        Log.LogMessage(MessageImportance.High, "KSail.NET: cluster {0} ({1}) is ready for {2}; {3}={4}", ClusterName, Endpoint, Path.GetFileNameWithoutExtension(ProjectPath), settings.KubeconfigVariable, KubeconfigPath);
        return true;
    }
}

/// <summary>VSTest mode: records that a project's tests passed (runs only when the VSTest target succeeded).</summary>
public sealed class KSailTestSessionPassed : Microsoft.Build.Utilities.Task
{
    /// <summary>The session settings the build wrote next to the test app.</summary>
    [Required]
    public string SettingsFile { get; set; } = string.Empty;

    /// <summary>The test project.</summary>
    [Required]
    public string ProjectPath { get; set; } = string.Empty;

    /// <inheritdoc />
    public override bool Execute()
    {
        var settings = SessionSettings.Read(SettingsFile);
        if (BuildEngine4.GetRegisteredTaskObject(NodeSession.KeyOf(settings.ConfigFile), RegisteredTaskObjectLifetime.Build) is NodeSession session)
        {
            session.Passed(ProjectPath);
        }

        return true;
    }
}

/// <summary>A node's part in the run's session; ended when the build ends (MSBuild disposes it).</summary>
internal sealed class NodeSession(SessionSettings settings, SessionHandle handle) : IDisposable
{
    public const string ProvidedVariable = "KSAIL_TEST_SESSION_PARTICIPANT";

    private readonly HashSet<string> started = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> passed = new(StringComparer.OrdinalIgnoreCase);
    private bool ended;

    public SessionHandle Handle { get; } = handle;

    public static string KeyOf(string configFile) => $"KSail.Build.Tasks.NodeSession|{Path.GetFullPath(configFile)}";

    public void Started(string project)
    {
        lock (started)
        {
            started.Add(project);
        }
    }

    public void Passed(string project)
    {
        lock (started)
        {
            passed.Add(project);
        }
    }

    public void Dispose()
    {
        bool allPassed;
        lock (started)
        {
            if (ended)
            {
                return;
            }

            ended = true;
            allPassed = started.IsSubsetOf(passed);
        }

        if (!Handle.NeedsEnd)
        {
            return;
        }

        var result = KSailProcess.RunCollectingAsync(settings.CliPath, Handle.EndArguments(allPassed)).GetAwaiter().GetResult();
        if (result.ExitCode != 0)
        {
            // No logger is left at the end of the build: standard error is what remains.
            Console.Error.WriteLine($"KSail.NET: ending the test session of {Handle.ClusterName} failed (exit code {result.ExitCode}):{Environment.NewLine}{result.Log}");
        }
    }
}
