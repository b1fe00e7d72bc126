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

    /// <summary>
    /// The pull-through mirrors to run, as KSail's <c>--mirror-registry</c> names them:
    /// <c>[user:${PASSWORD_VARIABLE}@]host[=upstream]</c> (<see cref="Registries.MirrorSpec"/>); empty for none.
    /// </summary>
    public IReadOnlyList<string> MirrorRegistries { get; init; } = [];

    /// <summary>The user's home directory, for <c>~</c> in paths.</summary>
    public string HomeDirectory { get; init; } = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);

    /// <summary>
    /// The kubeconfig file when ksail.yaml names none, as kind and kubectl choose the file they write:
    /// with <c>KUBECONFIG</c> set, its first file that exists (else its last); else
    /// <c>~/.kube/config</c> under <see cref="HomeDirectory"/> (<see cref="Kubeconfig.Kubeconfigs.PathForMerge"/>).
    /// </summary>
    public string DefaultKubeconfigPath =>
        Kubeconfig.Kubeconfigs.PathForMerge(Environment.GetValueOrDefault("KUBECONFIG"), HomeDirectory, WorkingDirectory);

    /// <summary>A snapshot of this process's environment variables.</summary>
    public static IReadOnlyDictionary<string, string?> ReadProcessEnvironment() =>
        System.Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
}
