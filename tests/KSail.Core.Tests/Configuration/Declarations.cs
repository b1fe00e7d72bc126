using KSail.Core.Configuration;

namespace KSail.Core.Tests.Configuration;

/// <summary>Loads declarations the way the surfaces do, with an environment the test controls.</summary>
internal static class Declarations
{
    public static ClusterDefinition Load(
        string configPath,
        IReadOnlyDictionary<string, string?>? environment = null,
        IReadOnlyList<ConfigOverride>? overrides = null) =>
        ClusterConfigLoader.Load(new ClusterLoadOptions
        {
            ConfigPath = configPath,
            WorkingDirectory = Path.GetDirectoryName(configPath)!,
            Environment = environment ?? new Dictionary<string, string?>(),
            Overrides = overrides ?? [],
            HomeDirectory = "/home/tester",
        });

    public static ConfigurationException Refuse(
        string configPath,
        IReadOnlyDictionary<string, string?>? environment = null,
        IReadOnlyList<ConfigOverride>? overrides = null) =>
        Assert.Throws<ConfigurationException>(() => Load(configPath, environment, overrides));

    public static IReadOnlyList<ConfigDiagnostic> Errors(this ConfigurationException ex) =>
        ex.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    public static IReadOnlyList<ConfigDiagnostic> Warnings(this ConfigurationException ex) =>
        ex.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).ToList();
}
