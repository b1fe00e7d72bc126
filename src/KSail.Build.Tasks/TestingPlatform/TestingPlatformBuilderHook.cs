using Microsoft.Testing.Platform.Builder;
using Microsoft.Testing.Platform.Extensions;

namespace KSail.Build.Tasks.TestingPlatform;

/// <summary>
/// Registered through the <c>TestingPlatformBuilderHook</c> item of KSail.Build.Tasks' props: the
/// Testing Platform's generated entry point calls it for every test app that references the package.
/// </summary>
public static class TestingPlatformBuilderHook
{
    /// <summary>Adds the KSail.NET cluster session to the test app.</summary>
    /// <param name="builder">The test application builder.</param>
    /// <param name="_">The command-line arguments (unused).</param>
    public static void AddExtensions(ITestApplicationBuilder builder, string[] _)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = Path.Combine(AppContext.BaseDirectory, SessionSettings.FileName);
        var factory = new CompositeExtensionFactory<KSailTestSessionExtension>(() => new KSailTestSessionExtension(settings));
        builder.TestHost.AddTestSessionLifetimeHandler(factory);
        builder.TestHost.AddDataConsumer(factory);
    }
}
