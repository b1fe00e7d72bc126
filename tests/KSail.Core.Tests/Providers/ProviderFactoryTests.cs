using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Core.Providers;

namespace KSail.Core.Tests.Providers;

public sealed class ProviderFactoryTests
{
    [Fact]
    public void The_factory_s_list_is_what_ksail_yaml_accepts()
    {
        Assert.Equal(ProviderFactory.All, Supported.Providers);
        Assert.Equal(ProviderFactory.All, ProviderFactory.Default.Providers);
        Assert.Equal(Provider.Docker, ProviderFactory.DefaultProvider);
    }

    [Fact]
    public async Task A_provider_that_is_not_built_is_refused_naming_those_that_are()
    {
        var ex = await Assert.ThrowsAsync<ProviderUnavailableException>(
            () => ProviderFactory.Default.ConnectAsync(Provider.Hetzner, ct: TestContext.Current.CancellationToken));

        Assert.Equal(ExitCodes.ProviderUnavailable, ex.ExitCode);
        Assert.Contains("Hetzner", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"nodes can run on {string.Join(" and ", ProviderFactory.All)}", ex.Message, StringComparison.Ordinal);
    }
}
