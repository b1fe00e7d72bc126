using KSail.Core.Distributions.Vanilla;
using KSail.Core.Tests.Configuration;
using KSail.Testing;

namespace KSail.Core.Tests.Distributions.Vanilla;

/// <summary>The node image's default storage is installed only when spec.cluster.csi is Default.</summary>
public sealed class DefaultStorageTests
{
    [Theory]
    [InlineData("Default", true)]
    [InlineData("Enabled", false)]
    [InlineData("Disabled", false)]
    public void Default_storage_is_installed_only_for_the_Default_CSI_setting(string csi, bool installed)
    {
        using var dir = new ScratchDirectory();
        var declared = Declarations.Load(dir.Write(
            "ksail.yaml",
            $"apiVersion: ksail.io/v1alpha1\nkind: Cluster\nspec:\n  cluster:\n    distribution: Vanilla\n    csi: {csi}\n"));

        Assert.Equal(installed, VanillaProvisioner.InstallsDefaultStorage(declared.Settings));
    }

    [Fact]
    public void Without_a_CSI_setting_the_default_storage_is_installed()
    {
        using var dir = new ScratchDirectory();
        var declared = Declarations.Load(dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nspec:\n  cluster:\n    distribution: Vanilla\n"));

        Assert.True(VanillaProvisioner.InstallsDefaultStorage(declared.Settings));
    }
}
