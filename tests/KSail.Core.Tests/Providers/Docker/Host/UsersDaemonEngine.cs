using KSail.Testing.TestBed;

namespace KSail.Core.Tests.Providers.Docker.Host;

/// <summary>
/// One second Docker engine for <see cref="UsersDaemonSettingsTests"/>, started once for the class
/// with the daemon settings users have (<c>--init</c>, <c>--mtu 1400</c>, <c>--userns-remap default</c>)
/// and the test bed's kind node image loaded into it; removed with everything on it afterwards.
/// </summary>
public sealed class UsersDaemonEngine : IAsyncLifetime
{
    private SecondDockerEngine? engine;

    /// <summary>The settings the engine runs with.</summary>
    public static SecondDockerEngineOptions Settings { get; } = new() { DefaultInit = true, Mtu = 1400, UserNamespaceRemap = "default" };

    /// <summary>The engine.</summary>
    public SecondDockerEngine Engine => engine ?? throw new InvalidOperationException("the engine is not started");

    /// <summary>The test bed's kind node image, loaded into the engine.</summary>
    public string NodeImage { get; private set; } = string.Empty;

    /// <summary>The test bed's K3s node image, loaded into the engine.</summary>
    public string K3sImage { get; private set; } = string.Empty;

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        SecondDockerEngine.Require();
        var ct = TestContext.Current.CancellationToken;
        var images = await TestImages.GetAsync(ct);
        NodeImage = images["kind-node"];
        K3sImage = images["k3s-node"];
        engine = await SecondDockerEngine.StartAsync(Settings, ct);
        await engine.LoadImagesAsync([NodeImage, K3sImage], ct);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (engine is not null)
        {
            await engine.DisposeAsync();
        }
    }
}
