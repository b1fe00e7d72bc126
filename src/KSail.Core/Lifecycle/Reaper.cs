using System.Globalization;
using KSail.Core.Providers;
using KSail.Core.Processes;

namespace KSail.Core.Lifecycle;

/// <summary>The reaper's work, and the owner's side of it.</summary>
public static class Reaper
{
    /// <summary>Where reapers keep their disarm files and logs.</summary>
    public static string StateDirectory => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ksail", "reapers");

    /// <summary>Starts a reaper for a cluster the current process is about to create.</summary>
    public static ReaperOrder Arm(IReaperLauncher launcher, string clusterName, string? kubeconfigPath)
    {
        var self = ProcessIdentity.Of(Environment.ProcessId)!;
        return Arm(launcher, clusterName, kubeconfigPath, self.ProcessId, self.StartTime);
    }

    /// <summary>Starts a reaper for a cluster that process <paramref name="ownerProcessId"/> owns (e.g. a <c>dotnet test</c> run).</summary>
    public static ReaperOrder Arm(IReaperLauncher launcher, string clusterName, string? kubeconfigPath, int ownerProcessId, DateTimeOffset ownerStartTime)
    {
        ArgumentNullException.ThrowIfNull(launcher);
        Directory.CreateDirectory(StateDirectory);
        var order = new ReaperOrder(
            clusterName,
            ownerProcessId,
            ownerStartTime,
            Path.Combine(StateDirectory, $"{clusterName}-{Guid.NewGuid():N}.disarm"),
            kubeconfigPath);
        launcher.Launch(order);
        return order;
    }

    /// <summary>Hands the cluster over: it may outlive its owner, until <paramref name="deleteAt"/> if one is given.</summary>
    public static void Disarm(ReaperOrder order, DateTimeOffset? deleteAt = null)
    {
        ArgumentNullException.ThrowIfNull(order);
        File.WriteAllText(order.DisarmFile, deleteAt?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? string.Empty);
    }

    /// <summary>
    /// The reaper process: waits while the owner lives and has not handed the cluster over. An owner
    /// gone without handing over means the cluster is deleted; a handover with a deletion time means
    /// waiting until then and deleting; a plain handover means the reaper's work is done.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RunAsync(ReaperOrder order, IProgress<ProgressEvent>? progress = null, TimeProvider? time = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        time ??= TimeProvider.System;
        progress?.Report(new ProgressEvent("reap", $"watching owner {order.OwnerProcessId} of cluster {order.ClusterName}"));
        var poll = TimeSpan.FromMilliseconds(500);
        try
        {
            while (!File.Exists(order.DisarmFile) && OwnerIsAlive(order))
            {
                await Task.Delay(poll, time, ct).ConfigureAwait(false);
            }

            if (File.Exists(order.DisarmFile))
            {
                var text = (await File.ReadAllTextAsync(order.DisarmFile, ct).ConfigureAwait(false)).Trim();
                if (text.Length == 0)
                {
                    progress?.Report(new ProgressEvent("reap", "the cluster was handed over; nothing to do"));
                    return [];
                }

                var deleteAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(text, CultureInfo.InvariantCulture));
                var wait = deleteAt - time.GetUtcNow();
                progress?.Report(new ProgressEvent("reap", $"the cluster was handed over with a time to live; deleting it at {deleteAt:O}"));
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, ct).ConfigureAwait(false);
                }
            }
            else
            {
                progress?.Report(new ProgressEvent("reap", "the owner is gone before handing the cluster over; deleting it"));
            }

            using var docker = await ClusterOperations.ConnectAsync(ProviderFactory.DefaultProvider, null, ct).ConfigureAwait(false);
            var lifecycle = new ClusterLifecycle(docker);
            var deleted = (await lifecycle.DeleteAsync(order.ClusterName, order.KubeconfigPath, ct).ConfigureAwait(false)).ToList();

            // A create call the owner sent just before it died can still be completed by the engine
            // after the first sweep: sweep again until one finds nothing (at most a few seconds).
            for (var sweep = 0; sweep < 5; sweep++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, ct).ConfigureAwait(false);
                var late = await lifecycle.DeleteAsync(order.ClusterName, order.KubeconfigPath, ct).ConfigureAwait(false);
                if (late.Count == 0)
                {
                    break;
                }

                deleted.AddRange(late);
            }

            progress?.Report(new ProgressEvent("reap", $"deleted {string.Join(", ", deleted)}"));
            return deleted;
        }
        finally
        {
            File.Delete(order.DisarmFile);
        }
    }

    private static bool OwnerIsAlive(ReaperOrder order) =>
        new ProcessIdentity(order.OwnerProcessId, order.OwnerStartTime).IsAlive();
}
