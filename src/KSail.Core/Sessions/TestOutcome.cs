namespace KSail.Core.Sessions;

/// <summary>How a participant's tests ended.</summary>
public enum TestOutcome
{
    /// <summary>The tests passed.</summary>
    Passed,

    /// <summary>A test failed, or the run did not complete.</summary>
    Failed,
}
