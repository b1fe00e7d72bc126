namespace KSail.Build.Tasks;

/// <summary>
/// The settings of a test project's cluster session, written by the build next to the test app
/// (<see cref="FileName"/>) for the Testing Platform extension, which runs where MSBuild does not.
/// One <c>name=value</c> per line.
/// </summary>
internal sealed record SessionSettings
{
    public const string FileName = "ksail.testsession.settings";

    /// <summary>The engine: <c>tools/ksail/ksail.dll</c> of the package.</summary>
    public required string CliPath { get; init; }

    /// <summary>The ksail.yaml.</summary>
    public required string ConfigFile { get; init; }

    public bool Reuse { get; init; }

    public bool KeepOnFailure { get; init; }

    /// <summary>
    /// The ksail.yaml fields the build sets (its <c>KSail&lt;Field&gt;</c> properties), as the ksail option
    /// of each and its value, e.g. (<c>--workers</c>, <c>2</c>) or (<c>--teardown</c>, <c>OnSuccess</c>):
    /// the lines of the file whose name is an option.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; init; } = [];

    public string KubeconfigVariable { get; init; } = "KUBECONFIG";

    public string ClusterNameVariable { get; init; } = "KSAIL_CLUSTER_NAME";

    public string ContextVariable { get; init; } = "KSAIL_CONTEXT";

    public string EndpointVariable { get; init; } = "KSAIL_API_ENDPOINT";

    /// <summary>The variable holding the cluster's local registry (<c>localhost:5050</c>); unset when the cluster has none.</summary>
    public string RegistryVariable { get; init; } = "KSAIL_LOCAL_REGISTRY";

    public static SessionSettings Read(string path)
    {
        var lines = File.ReadAllLines(path)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .Select(pair => KeyValuePair.Create(pair[0].Trim(), pair[1].Trim()))
            .ToList();
        static bool IsField(KeyValuePair<string, string> line) => line.Key.StartsWith("--", StringComparison.Ordinal);
        var fields = lines.Where(l => IsField(l) && l.Value.Length > 0).ToList();
        var values = lines.Where(l => !IsField(l)).ToDictionary(StringComparer.OrdinalIgnoreCase);
        string Get(string name, string fallback = "") => values.TryGetValue(name, out var value) && value.Length > 0 ? value : fallback;
        return new SessionSettings
        {
            CliPath = Get(nameof(CliPath)),
            ConfigFile = Get(nameof(ConfigFile)),
            Reuse = bool.TryParse(Get(nameof(Reuse)), out var reuse) && reuse,
            KeepOnFailure = bool.TryParse(Get(nameof(KeepOnFailure)), out var keep) && keep,
            Fields = fields,
            KubeconfigVariable = Get(nameof(KubeconfigVariable), "KUBECONFIG"),
            ClusterNameVariable = Get(nameof(ClusterNameVariable), "KSAIL_CLUSTER_NAME"),
            ContextVariable = Get(nameof(ContextVariable), "KSAIL_CONTEXT"),
            EndpointVariable = Get(nameof(EndpointVariable), "KSAIL_API_ENDPOINT"),
            RegistryVariable = Get(nameof(RegistryVariable), "KSAIL_LOCAL_REGISTRY"),
        };
    }

    /// <summary>The arguments of <c>ksail __session start</c> for process <paramref name="participant"/>.</summary>
    public IEnumerable<string> StartArguments(int participant)
    {
        yield return "__session";
        yield return "start";
        yield return "--config";
        yield return ConfigFile;
        yield return "--participant";
        yield return participant.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Reuse)
        {
            yield return "--reuse";
        }

        if (KeepOnFailure)
        {
            yield return "--keep-on-failure";
        }

        foreach (var (option, value) in Fields)
        {
            yield return option;
            yield return value;
        }
    }

    /// <summary>
    /// The environment the tests see: the variables named here, set from the session (the registry's
    /// empty when the cluster has none, which <see cref="Environment.SetEnvironmentVariable(string, string)"/> unsets).
    /// </summary>
    public IReadOnlyDictionary<string, string> TestEnvironment(SessionHandle handle) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [KubeconfigVariable] = handle.KubeconfigPath,
        [ClusterNameVariable] = handle.ClusterName,
        [ContextVariable] = handle.ContextName,
        [EndpointVariable] = handle.Server,
        [RegistryVariable] = handle.Registry ?? string.Empty,
    };
}
