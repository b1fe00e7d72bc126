using KSail.Core.Configuration;
using KSail.Core.Provisioners.Vanilla;

namespace KSail.Core.Tests.Provisioners.Vanilla;

/// <summary>The node image's default storage is installed only when spec.cluster.csi is Default.</summary>
public sealed class DefaultStorageTests
{
    [Theory]
    [InlineData("Default", true)]
    [InlineData("Enabled", false)]
    [InlineData("Disabled", false)]
    public void Default_storage_is_installed_only_for_the_Default_CSI_setting(string csi, bool installed)
    {
        Assert.Equal(installed, VanillaProvisioner.InstallsDefaultStorage([new ComponentChoice(ComponentPhase.Infrastructure, "CSI", csi, string.Empty)]));
    }
}
