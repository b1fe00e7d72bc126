using System.Globalization;

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
