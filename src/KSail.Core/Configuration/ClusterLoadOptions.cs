namespace KSail.Core.Configuration;

/// <summary>What to load and what to lay over it.</summary>
public sealed record ClusterLoadOptions
{
    /// <summary>The ksail.yaml to read; when null, the nearest ksail.yaml at or above <see cref="WorkingDirectory"/>.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Where relative paths start and the search for ksail.yaml begins.</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>
    /// The environment: <c>KSAIL_*</c> variables override the file, <c>${VAR}</c> in the file reads from it,
    /// and its proxy settings go to kind's nodes (<see cref="ClusterDefinition.Proxy"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = ReadProcessEnvironment();

    /// <summary>Explicit values (command-line arguments, API callers): these win over everything.</summary>
    public IReadOnlyList<ConfigOverride> Overrides { get; init; } = [];

    /// <summary>The user's home directory, for <c>~</c> in paths.</summary>
    public string HomeDirectory { get; init; } = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);

    /// <summary>
    /// The kubeconfig file when ksail.yaml names none: the first file of <c>KUBECONFIG</c> when it is
    /// set (the file kind and kubectl write), else <c>~/.kube/config</c> under <see cref="HomeDirectory"/>.
    /// </summary>
    public string DefaultKubeconfigPath =>
        Environment.GetValueOrDefault("KUBECONFIG")?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries) is [var first, ..]
            ? Path.GetFullPath(first, WorkingDirectory)
            : Path.Combine(HomeDirectory, ".kube", "config");

    /// <summary>A snapshot of this process's environment variables.</summary>
    public static IReadOnlyDictionary<string, string?> ReadProcessEnvironment() =>
        System.Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
}
