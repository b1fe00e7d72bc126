using k8s;
using k8s.Autorest;
using k8s.Models;
using Xunit;

namespace KSail.Xunit;

/// <summary>
/// A namespace of its own for a test class, for isolation: take it as a class fixture
/// (<c>IClassFixture&lt;KSailNamespace&gt;</c>). Created before the class's first test (named after
/// the class, plus a random suffix, labelled <c>io.ksail.test-namespace=true</c>) and deleted after
/// its last, waiting until it is gone.
/// </summary>
public sealed class KSailNamespace(KSailCluster cluster) : IAsyncLifetime
{
    /// <summary>The label every namespace made by this fixture carries.</summary>
    public const string Label = "io.ksail.test-namespace";

    /// <summary>The namespace name.</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>The cluster's client.</summary>
    public IKubernetes Client => cluster.Client;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var testClass = TestContext.Current.TestClass?.TestClassSimpleName ?? "tests";
        var stem = new string(testClass.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        Name = $"{(stem.Length > 50 ? stem[..50] : stem).TrimEnd('-')}-{Guid.NewGuid().ToString("N")[..6]}";
        await cluster.Client.CoreV1.CreateNamespaceAsync(
            new V1Namespace { Metadata = new V1ObjectMeta { Name = Name, Labels = new Dictionary<string, string> { [Label] = "true" } } },
            cancellationToken: TestContext.Current.CancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await cluster.Client.CoreV1.DeleteNamespaceAsync(Name, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            for (var i = 0; i < 240; i++)
            {
                await cluster.Client.CoreV1.ReadNamespaceAsync(Name, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                await Task.Delay(250, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Gone.
        }
    }
}
