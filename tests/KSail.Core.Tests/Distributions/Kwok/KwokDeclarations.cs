using KSail.Core.Configuration;
using KSail.Core.Tests.Configuration;
using KSail.Testing;

namespace KSail.Core.Tests.Distributions.Kwok;

/// <summary>A KWOK cluster declared by a ksail.yaml and the kwok.yaml next to it, loaded as the surfaces load it.</summary>
internal static class KwokDeclarations
{
    /// <summary>The first lines of kwok.yaml: kwokctl's configuration header.</summary>
    public const string Header = "apiVersion: config.kwok.x-k8s.io/v1alpha1\nkind: KwokctlConfiguration\n";

    /// <summary>Writes kwok.yaml (<paramref name="kwokYaml"/> as given) and a ksail.yaml (<paramref name="cluster"/> under spec.cluster); returns ksail.yaml's path.</summary>
    public static string Write(ScratchDirectory dir, string name, string kwokYaml, string cluster = "")
    {
        dir.Write("kwok.yaml", kwokYaml);
        return dir.Write("ksail.yaml", $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: {name}\nspec:\n  cluster:\n    distribution: KWOK\n    distributionConfig: kwok.yaml\n{cluster}");
    }

    /// <summary>Writes and loads the declaration.</summary>
    public static ClusterDefinition Load(ScratchDirectory dir, string name, string kwokYaml, string cluster = "") =>
        Declarations.Load(Write(dir, name, kwokYaml, cluster));
}
