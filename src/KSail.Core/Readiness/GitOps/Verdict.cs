namespace KSail.Core.Readiness;

/// <summary>Where an object stands, and why.</summary>
internal readonly record struct Verdict(VerdictState State, string Why)
{
    public static Verdict Ready(string why) => new(VerdictState.Ready, why);

    public static Verdict Waiting(string why) => new(VerdictState.Waiting, why);

    public static Verdict Failed(string why) => new(VerdictState.Failed, why);
}
