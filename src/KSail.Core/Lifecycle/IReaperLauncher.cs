namespace KSail.Core.Lifecycle;

/// <summary>Starts a reaper process; each surface knows how to start itself (e.g. <c>ksail __reap ...</c>).</summary>
public interface IReaperLauncher
{
    /// <summary>Starts a detached process that runs <see cref="Reaper.RunAsync"/> for <paramref name="order"/>.</summary>
    void Launch(ReaperOrder order);
}
