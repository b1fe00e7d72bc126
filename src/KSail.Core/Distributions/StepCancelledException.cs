namespace KSail.Core.Distributions;

/// <summary>
/// A provisioning step stopped because its cancellation token fired: the caller cancelled, or a
/// time limit the caller set (<c>spec.cluster.timeouts.provision</c>, <c>spec.cluster.connection.timeout</c>)
/// ran out. It names the step and node, so a time limit's error can say where the create was.
/// </summary>
public sealed class StepCancelledException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    public StepCancelledException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StepCancelledException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public StepCancelledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="step"/> on <paramref name="node"/>, from the cancellation <paramref name="cause"/>.</summary>
    public StepCancelledException(string step, string? node, OperationCanceledException cause)
        : base(cause?.Message, cause, cause?.CancellationToken ?? CancellationToken.None)
    {
        Step = step;
        Node = node;
    }

    /// <summary>The step that was running, e.g. <c>kubeadm join control plane</c>.</summary>
    public string Step { get; } = string.Empty;

    /// <summary>The node it worked on, if any.</summary>
    public string? Node { get; }

    /// <summary>"step 'X' on node", for messages.</summary>
    public string Where => $"step '{Step}'{(Node is null ? string.Empty : $" on {Node}")}";
}
