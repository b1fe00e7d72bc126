using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace KSail.Core.Tests.Lifecycle;

/// <summary>
/// The surfaces (the CLI, Cake, NUKE, the build integration) reach the engine only through
/// <see cref="KSail.Core.Lifecycle.ClusterOperations"/>: their compiled assemblies reference no
/// provider, no provisioner and none of the engine classes the facade drives. Read from the
/// assemblies' metadata (every type an assembly uses from another is in its TypeRef table), so a
/// fully qualified name, an alias or a type used only in a signature is found as well.
/// </summary>
public sealed class SurfaceBoundaryTests
{
    // The surfaces' assemblies, by file name (KSail.Cli's is ksail.dll).
    public static TheoryData<string> Surfaces => ["ksail", "KSail.Cake", "KSail.Nuke", "KSail.Build.Tasks"];

    [Theory]
    [MemberData(nameof(Surfaces))]
    public void A_surface_references_no_provider_provisioner_or_engine_class(string surface)
    {
        var referenced = ReferencedCoreTypes(surface);

        var forbidden = referenced.Where(IsBehindTheFacade).Order(StringComparer.Ordinal).ToList();

        Assert.True(forbidden.Count == 0, $"{surface} bypasses ClusterOperations: it references {string.Join(", ", forbidden)}");
    }

    [Theory]
    [InlineData("ksail")]
    [InlineData("KSail.Cake")]
    [InlineData("KSail.Nuke")]
    public void A_surface_on_the_engine_calls_the_facade(string surface)
    {
        Assert.Contains("KSail.Core.Lifecycle.ClusterOperations", ReferencedCoreTypes(surface));
    }

    [Fact]
    public void The_build_integration_does_not_reference_the_engine_at_all()
    {
        // Its tasks and extension run inside MSBuild and the test app: the engine runs as a child process.
        using var assembly = Open("KSail.Build.Tasks");
        var metadata = assembly.GetMetadataReader();

        var references = metadata.AssemblyReferences.Select(r => metadata.GetString(metadata.GetAssemblyReference(r).Name)).ToList();

        Assert.NotEmpty(references);
        Assert.DoesNotContain("KSail.Core", references);
    }

    [Fact]
    public void The_check_finds_what_it_forbids()
    {
        // This test assembly drives the engine directly (the provider's own tests).
        var referenced = ReferencedCoreTypes("KSail.Core.Tests");

        Assert.Contains("KSail.Core.Providers.Docker.DockerProvider", referenced.Where(IsBehindTheFacade));
    }

    // The provider and the provisioners (what another provider or distribution replaces), and the
    // engine classes ClusterOperations drives; their records (options, results) are the facade's words.
    private static bool IsBehindTheFacade(string fullName)
    {
        var name = fullName[(fullName.LastIndexOf('.') + 1)..];
        return name is "DockerProvider" or "DockerEngine" or "IProvider" or "IContainerProvider" or "ProviderFactory"
                or "ClusterLifecycle" or "ClusterUpdate" or "TestSession" or "ProvisioningSteps"
            || name.EndsWith("Provisioner", StringComparison.Ordinal);
    }

    private static HashSet<string> ReferencedCoreTypes(string assemblyName)
    {
        using var assembly = Open(assemblyName);
        var metadata = assembly.GetMetadataReader();
        return metadata.TypeReferences
            .Select(handle => FullName(metadata, metadata.GetTypeReference(handle)))
            .Where(name => name.StartsWith("KSail.Core.", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
    }

    private static string FullName(MetadataReader metadata, TypeReference type)
    {
        var name = metadata.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return $"{FullName(metadata, metadata.GetTypeReference((TypeReferenceHandle)type.ResolutionScope))}+{name}";
        }

        var ns = metadata.GetString(type.Namespace);
        return ns.Length == 0 ? name : $"{ns}.{name}";
    }

    private static PEReader Open(string assemblyName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        Assert.True(File.Exists(path), $"{path} is missing: the test project references every surface project, so the build copies their assemblies here");
        return new PEReader(File.OpenRead(path));
    }
}
