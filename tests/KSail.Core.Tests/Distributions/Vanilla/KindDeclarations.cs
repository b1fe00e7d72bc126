using KSail.Core.Configuration;
using KSail.Core.Tests.Configuration;
using KSail.Testing;

namespace KSail.Core.Tests.Distributions.Vanilla;

/// <summary>A Vanilla cluster declared by a ksail.yaml and the kind.yaml next to it, loaded as the surfaces load it.</summary>
internal static class KindDeclarations
{
    /// <summary>Writes kind.yaml (kind and apiVersion, then <paramref name="kindYaml"/>) and a ksail.yaml naming the cluster; returns ksail.yaml's path.</summary>
    public static string Write(ScratchDirectory dir, string name, string kindYaml)
    {
        dir.Write("kind.yaml", "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n" + kindYaml);
        return dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: Vanilla\n    distributionConfig: kind.yaml\n");
    }

    /// <summary>Writes and loads the declaration, in <paramref name="environment"/> (none when null).</summary>
    public static ClusterDefinition Load(ScratchDirectory dir, string name, string kindYaml, IReadOnlyDictionary<string, string?>? environment = null) =>
        Declarations.Load(Write(dir, name, kindYaml), environment);
}
