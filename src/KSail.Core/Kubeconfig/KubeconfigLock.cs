namespace KSail.Core.Kubeconfig;

/// <summary>
/// The lock kubectl, client-go and kind take before they change a kubeconfig: the file
/// <c>&lt;kubeconfig&gt;.lock</c>, created exclusively and removed when the change is written
/// (client-go <c>tools/clientcmd/loader.go</c> lockFile/unlockFile; kind
/// <c>pkg/cluster/internal/kubeconfig/internal/kubeconfig/lock.go</c>). Those give up at once when the
/// lock exists; KSail.NET tries again until its time limit, so that two creates started together
/// both end up in the file.
/// </summary>
internal sealed class KubeconfigLock : IDisposable
{
    /// <summary>How long a change waits for another writer's lock by default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(25);

    private KubeconfigLock(string path) => LockPath = path;

    /// <summary>The lock file.</summary>
    public string LockPath { get; }

    /// <summary>The lock file of <paramref name="kubeconfig"/>, as client-go names it.</summary>
    public static string PathOf(string kubeconfig) => kubeconfig + ".lock";

    /// <summary>Takes the lock of <paramref name="kubeconfig"/>, waiting while another writer holds it.</summary>
    /// <exception cref="ProvisioningException">The lock was still held after <paramref name="timeout"/>.</exception>
    public static async Task<KubeconfigLock> AcquireAsync(string kubeconfig, TimeProvider time, TimeSpan timeout, CancellationToken ct)
    {
        var path = PathOf(Path.GetFullPath(kubeconfig));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var started = time.GetTimestamp();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                // O_CREAT|O_EXCL, as client-go: the one atomic "create if absent" every writer agrees on.
                new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None).Dispose();
                return new KubeconfigLock(path);
            }
            catch (IOException) when (time.GetElapsedTime(started) < timeout || File.Exists(path))
            {
                // The lock exists (or was removed between the try and this check: try again).
                if (time.GetElapsedTime(started) >= timeout)
                {
                    throw new ProvisioningException(
                        $"the kubeconfig {Path.GetFullPath(kubeconfig)} is locked by {path}, which is still there after {timeout.TotalSeconds:0} s: another kubectl, kind, k3d or ksail is writing the file, or one stopped before it removed its lock. If none is running, delete {path} and run the command again");
                }
            }

            await Task.Delay(Pause, time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Removes the lock file.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(LockPath);
        }
        catch (IOException)
        {
            // Gone already; the next writer finds no lock either way.
        }
    }
}
