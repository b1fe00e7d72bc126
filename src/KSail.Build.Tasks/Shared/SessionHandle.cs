namespace KSail.Build.Tasks;

/// <summary>What <c>ksail __session start</c> printed.</summary>
/// <remarks><c>Registry</c>: the cluster's local registry as the host pushes to it (<c>localhost:5050</c>), null when it has none.</remarks>
internal sealed record SessionHandle(string ClusterName, string ParticipantId, string KubeconfigPath, string ContextName, string Server, bool Reused, bool Joined, string Teardown, string? Registry = null)
{
    /// <summary>With teardown Never, ending a part changes nothing: callers skip the engine run (about a second).</summary>
    public bool NeedsEnd => !string.Equals(Teardown, "Never", StringComparison.OrdinalIgnoreCase);

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static SessionHandle Parse(string output)
    {
        var line = output.Split('\n').Last(l => l.TrimStart().StartsWith('{'));
        return System.Text.Json.JsonSerializer.Deserialize<SessionHandle>(line, Json)
            ?? throw new InvalidOperationException($"ksail printed no session: {output}");
    }

    /// <summary>The arguments of <c>ksail __session end</c>.</summary>
    public IEnumerable<string> EndArguments(bool passed) =>
        ["__session", "end", "--cluster", ClusterName, "--participant-id", ParticipantId, "--outcome", passed ? "Passed" : "Failed"];
}
