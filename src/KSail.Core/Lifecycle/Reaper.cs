using System.Globalization;
using KSail.Core.Providers;
using KSail.Core.Processes;

namespace KSail.Core.Lifecycle;

/// <summary>
/// What a reaper watches: the process that owns a cluster. A reaper is a small detached process
/// (no container, so no image to pull) started before anything is created. It deletes the cluster
/// (by label) when its owner dies before handing the cluster over (disarming the reaper), and, when
/// the owner handed it over with a time to live, once that time has run out.
/// </summary>
/// <param name="ClusterName">The cluster.</param>
/// <param name="OwnerProcessId">The owning process.</param>
/// <param name="OwnerStartTime">When the owner started (so a reused process id is not mistaken for it).</param>
/// <param name="DisarmFile">The owner writes this file at handover; it holds the deletion time, if any.</param>
/// <param name="KubeconfigPath">The kubeconfig to remove the cluster's context from, or null.</param>
public sealed record ReaperOrder(string ClusterName, int OwnerProcessId, DateTimeOffset OwnerStartTime, string DisarmFile, string? KubeconfigPath)
{
    /// <summary>The order as command-line arguments of the reaper process.</summary>
    public IReadOnlyList<string> ToArguments()
    {
        var args = new List<string>
        {
            "--cluster", ClusterName,
            "--owner", OwnerProcessId.ToString(CultureInfo.InvariantCulture),
            "--owner-start", OwnerStartTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            "--disarm-file", DisarmFile,
        };
        if (KubeconfigPath is not null)
        {
            args.AddRange(["--kubeconfig", KubeconfigPath]);
        }

        return args;
    }
}

/// <summary>Starts a reaper process; each surface knows how to start itself (e.g. <c>ksail __reap ...</c>).</summary>
public interface IReaperLauncher
{
    /// <summary>Starts a detached process that runs <see cref="Reaper.RunAsync"/> for <paramref name="order"/>.</summary>
    void Launch(ReaperOrder order);
}

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
