using KSail.Core.Configuration;
using KSail.Core.Lifecycle;
using KSail.Core.Providers;

namespace KSail.Core.Distributions;

/// <summary>
/// Runs a provisioner's ordered actions as named steps (<see cref="RunAsync"/>): begins and times
/// each, reports progress, runs commands in nodes, and on any failure removes what was created
/// (unless asked to keep it) and throws naming the step, the node and its last log lines.
/// </summary>
internal sealed class ProvisioningSteps
{
    private readonly IContainerProvider docker;
    private readonly IProgress<ProgressEvent>? progress;
    private readonly TimeProvider time;

    public ProvisioningSteps(IContainerProvider docker, IProgress<ProgressEvent>? progress, TimeProvider? time = null)
    {
        this.docker = docker;
        this.progress = progress;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>The step running now.</summary>
    public string Step { get; private set; } = "start";

    /// <summary>The node the step works on (its logs go into a failure's message).</summary>
    public string? Node { get; set; }

    /// <summary>Enters a step.</summary>
    public void Begin(string step, string? message = null, string? node = null)
    {
        Step = step;
        Node = node ?? Node;
        if (message is not null)
        {
            progress?.Report(new ProgressEvent(step, message));
        }
    }

    /// <summary>Reports something the user should know about the current step that does not stop the create.</summary>
    public void Warn(string message) => progress?.Report(new ProgressEvent(Step, message, ProgressLevel.Warning));

    /// <summary>
    /// Runs <paramref name="actions"/> in order, each begun as its step and timed (the time reported
    /// at Debug level). A failure removes what was created with <paramref name="removeAll"/> unless
    /// <paramref name="keep"/>, and is thrown naming the step (see <see cref="FailAsync"/>).
    /// </summary>
    public async Task RunAsync<TContext>(TContext context, IEnumerable<IProvisioningAction<TContext>> actions, bool keep, Func<Task> removeAll, CancellationToken ct)
        where TContext : ProvisioningContext
    {
        ArgumentNullException.ThrowIfNull(actions);
        try
        {
            foreach (var action in actions)
            {
                Begin(action.Name);
                var started = time.GetTimestamp();
                await action.ExecuteAsync(context, ct).ConfigureAwait(false);
                progress?.Report(new ProgressEvent(action.Name, $"took {time.GetElapsedTime(started).TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}s", ProgressLevel.Debug));
            }
        }
        catch (Exception ex)
        {
            throw await FailAsync(ex, keep, removeAll, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The "check images" step: each node image present, or pulled, before anything is created.</summary>
    public async Task CheckImagesAsync(IEnumerable<string> images, CancellationToken ct)
    {
        var distinct = images.Distinct(StringComparer.Ordinal).ToList();
        Begin("check images", string.Join(", ", distinct));
        foreach (var image in distinct)
        {
            await docker.EnsureImageAsync(image, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a command in a node; a non-zero exit is a failure of the step, with the command's last output lines.</summary>
    public async Task<string> RunAsync(string node, IReadOnlyList<string> command, byte[]? input, CancellationToken ct)
    {
        var result = await docker.ExecAsync(node, command, input, ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            Node = node;
            var output = string.Join(Environment.NewLine, (result.Output + result.Error).Split('\n').TakeLast(20));
            throw new InvalidOperationException($"'{string.Join(' ', command)}' exited with {result.ExitCode}:{Environment.NewLine}{output}");
        }

        return result.Output;
    }

    /// <summary>Writes a file into a node, as kind's nodeutils.WriteFile: makes the directory, then copies standard input to the file.</summary>
    public Task WriteFileAsync(string node, string path, string content, CancellationToken ct) =>
        WriteFileAsync(node, path, System.Text.Encoding.UTF8.GetBytes(content), ct);

    /// <summary>Writes a file into a node (see the other overload).</summary>
    public async Task WriteFileAsync(string node, string path, byte[] content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        await RunAsync(node, ["mkdir", "-p", path[..path.LastIndexOf('/')]], null, ct).ConfigureAwait(false);
        await RunAsync(node, ["cp", "/dev/stdin", path], content, ct).ConfigureAwait(false);
    }

    /// <summary>Removes these node containers and their volumes, whatever the caller's cancellation.</summary>
    public Task RemoveContainersAsync(IEnumerable<string> names) =>
        Task.WhenAll(names.Select(n => docker.RemoveContainerAsync(n, CancellationToken.None)));

    /// <summary>
    /// Turns a failure into a <see cref="ProvisioningException"/> naming the step, after removing what
    /// was created unless <paramref name="keep"/>; cancellation is passed on after the clean-up.
    /// </summary>
    public async Task<Exception> FailAsync(Exception failure, bool keep, Func<Task> removeAll, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(removeAll);
        var logs = Node is null ? "(no node yet)" : await LastLogLinesAsync(Node).ConfigureAwait(false);
        if (!keep)
        {
            await removeAll().ConfigureAwait(false);
        }

        if (failure is OperationCanceledException cancelled && ct.IsCancellationRequested)
        {
            // Cancelled, by the caller or a time limit it set: it tells which, this tells where.
            return new StepCancelledException(Step, Node, cancelled);
        }

        var kept = keep ? " The nodes were kept for debugging." : " Everything created was removed.";
        return new ProvisioningException(
            $"step '{Step}' failed{(Node is null ? string.Empty : $" on {Node}")}: {failure.Message}{kept}{Environment.NewLine}Last log lines of {Node ?? "the cluster"}:{Environment.NewLine}{logs}",
            failure);
    }

    /// <summary>
    /// Runs a provisioner's <paramref name="create"/> within <c>spec.cluster.timeouts.provision</c>
    /// (nodes and Kubernetes bootstrap); running out of it is a failed create naming the step.
    /// </summary>
    public static async Task<CreatedCluster> WithinProvisionLimitAsync(ClusterDefinition cluster, CreateOptions options, Func<CancellationToken, Task<CreatedCluster>> create, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(create);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(cluster.Timeouts.Provision);
        try
        {
            return await create(limit.Token).ConfigureAwait(false);
        }
        catch (StepCancelledException ex) when (!ct.IsCancellationRequested)
        {
            throw TimedOut(ex, cluster.Timeouts.Provision, "spec.cluster.timeouts.provision", options.KeepOnFailure);
        }
    }

    /// <summary>
    /// The failed create for a step a time limit stopped: exit code 5, naming the step and node,
    /// the limit and the <paramref name="setting"/> that sets it.
    /// </summary>
    public static ProvisioningException TimedOut(StepCancelledException stopped, TimeSpan limit, string setting, bool kept)
    {
        ArgumentNullException.ThrowIfNull(stopped);
        return new ProvisioningException(
            $"{stopped.Where} did not finish within {Configuration.GoDuration.Format(limit)} ({setting}); {(kept ? "the nodes were kept for debugging" : "everything created was removed")}. Raise the limit if the machine is slow, or see the nodes' logs with --keep-on-failure",
            stopped);
    }

    private async Task<string> LastLogLinesAsync(string node)
    {
        try
        {
            return await docker.LogsAsync(node, 30, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The logs only add detail to a failure being reported; their absence must not hide it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return $"(no logs: {ex.Message})";
        }
    }
}
