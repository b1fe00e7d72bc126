using KSail.Testing;
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

    /// <summary>Writes <paramref name="k3d"/> as k3d.yaml and a ksail.yaml declaring K3s cluster <paramref name="name"/> that uses it; returns ksail.yaml's path.</summary>
    public static string WriteK3s(ScratchDirectory dir, string name, string k3d)
    {
        dir.Write("k3d.yaml", k3d);
        return dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n");
    }

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
