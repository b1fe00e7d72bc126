using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Core.Distributions.K3s;

namespace KSail.Core.Tests.Distributions.K3s;

/// <summary>
/// K3s's own local-path storage, metrics-server and ServiceLB are turned off (k3s server's --disable)
/// when spec.cluster.csi, metricsServer or loadBalancer is Enabled (KSail.NET installs its own) or
/// Disabled (none), and kept when Default.
/// </summary>
public sealed class K3sBuiltInComponentsTests
{
    private static ComponentSettings Choices(string csi, string metricsServer, string loadBalancer) =>
        new(Cni.Default, Enum.Parse<Toggle>(csi), Enum.Parse<Toggle>(metricsServer), Enum.Parse<Toggle>(loadBalancer), GitOpsEngine.None);

    [Fact]
    public void Default_keeps_every_built_in_component()
    {
        Assert.Empty(K3sProvisioner.DisabledBuiltIns(Choices("Default", "Default", "Default"), []));
    }

    [Fact]
    public void Enabled_and_Disabled_both_turn_the_built_in_component_off()
    {
        Assert.Equal(
            ["--disable=local-storage", "--disable=metrics-server", "--disable=servicelb"],
            K3sProvisioner.DisabledBuiltIns(Choices("Enabled", "Disabled", "Enabled"), ["--tls-san=x"]));
        Assert.Equal(["--disable=metrics-server"], K3sProvisioner.DisabledBuiltIns(Choices("Default", "Enabled", "Default"), []));
    }

    [Fact]
    public void A_component_the_declared_arguments_disable_already_is_not_repeated()
    {
        Assert.Equal(
            ["--disable=servicelb"],
            K3sProvisioner.DisabledBuiltIns(Choices("Disabled", "Disabled", "Disabled"), ["--disable=traefik, local-storage", "--no-deploy=metrics-server"]));
    }
}
