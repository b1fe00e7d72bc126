namespace KSail.Core.Readiness;

/// <summary>Where an object stands.</summary>
internal enum VerdictState
{
    /// <summary>Ready.</summary>
    Ready,

    /// <summary>On its way.</summary>
    Waiting,

    /// <summary>Failed for good.</summary>
    Failed,
}
