namespace KSail.Testing.TestBed;

/// <summary>The images of the test bed, built once per run (never pulled).</summary>
public static class TestImages
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IReadOnlyDictionary<string, string>? images;

    /// <summary>The image names by role (<c>control-plane</c>, <c>kind-node</c>, ...), building them when needed.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> GetAsync(CancellationToken ct = default)
    {
        await Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return images ??= await TestBedScript.RunAsync(ct, "images").ConfigureAwait(false);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>An image with busybox's shell and tools (the control-plane image, whose entry point tests replace).</summary>
    public static async Task<string> ShellAsync(CancellationToken ct = default) => (await GetAsync(ct).ConfigureAwait(false))["control-plane"];

    /// <summary>
    /// The registry stand-in (for <c>registry:3</c>: Debian's docker-registry, plain HTTP on :5000, no
    /// authentication, storage under /var/lib/registry, a pull-through cache when
    /// <c>REGISTRY_PROXY_REMOTEURL</c> is set).
    /// </summary>
    public static async Task<string> RegistryAsync(CancellationToken ct = default) => (await GetAsync(ct).ConfigureAwait(false))["registry"];

    /// <summary>The five images of a KWOK cluster (the <c>kwok-*</c> lines of <c>testbed.sh images</c>).</summary>
    public static async Task<KwokImages> KwokAsync(CancellationToken ct = default)
    {
        var images = await GetAsync(ct).ConfigureAwait(false);
        return new KwokImages(images["kwok-etcd"], images["kwok-kube-apiserver"], images["kwok-kube-controller-manager"], images["kwok-kube-scheduler"], images["kwok-controller"]);
    }
}
