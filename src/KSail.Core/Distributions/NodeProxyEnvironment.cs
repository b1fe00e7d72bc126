namespace KSail.Core.Distributions;

/// <summary>
/// The proxy settings of the client that creates a cluster (<c>HTTP_PROXY</c>, <c>HTTPS_PROXY</c>,
/// <c>NO_PROXY</c>, each read upper case first, then lower case), as kind hands them to every node
/// (kind <c>pkg/cluster/internal/providers/common/proxy.go</c> <c>getProxyEnvs</c>,
/// <c>providers/docker/provision.go</c> <c>getProxyEnv</c>; FIDELITY K15).
/// </summary>
/// <remarks>
/// The values may carry credentials (<c>http://user:password@proxy:3128</c>): they go into the
/// nodes' environment, as kind puts them there, and never into a log, a plan or a state file.
/// </remarks>
public sealed class NodeProxyEnvironment
{
    private static readonly string[] Names = ["HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"];

    private NodeProxyEnvironment(IReadOnlyDictionary<string, string> values) => Values = values;

    /// <summary>No proxy settings: the nodes get no proxy variables.</summary>
    public static NodeProxyEnvironment None { get; } = new(new Dictionary<string, string>());

    /// <summary>Whether any of the three variables is set (kind then passes them, NO_PROXY extended).</summary>
    public bool IsSet => Values.Count > 0;

    /// <summary>The client's own <c>NO_PROXY</c>, or null.</summary>
    public string? NoProxy => Values.GetValueOrDefault("NO_PROXY");

    // Upper-case name to value, for the names that are set (non-empty).
    private IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>The settings in <paramref name="environment"/>: each variable's upper-case name, else its lower-case name, when not empty.</summary>
    public static NodeProxyEnvironment From(IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Names)
        {
            var value = environment.GetValueOrDefault(name) is { Length: > 0 } upper ? upper : environment.GetValueOrDefault(name.ToLowerInvariant());
            if (!string.IsNullOrEmpty(value))
            {
                values[name] = value;
            }
        }

        return values.Count == 0 ? None : new NodeProxyEnvironment(values);
    }

    /// <summary>
    /// A node's variables (<c>NAME=value</c>, upper and lower case, as kind sets both): the client's
    /// proxies, and <c>NO_PROXY</c> as <paramref name="noProxy"/> lists it (empty entries left out);
    /// none at all when no proxy variable is set.
    /// </summary>
    public IReadOnlyList<string> Variables(IEnumerable<string?> noProxy)
    {
        ArgumentNullException.ThrowIfNull(noProxy);
        if (!IsSet)
        {
            return [];
        }

        var values = new Dictionary<string, string>(Values, StringComparer.Ordinal)
        {
            ["NO_PROXY"] = string.Join(",", noProxy.Where(v => !string.IsNullOrEmpty(v))),
        };
        return Names.Where(values.ContainsKey)
            .SelectMany(name => new[] { $"{name}={values[name]}", $"{name.ToLowerInvariant()}={values[name]}" })
            .ToList();
    }

    /// <summary>Names the variables that are set, never their values (they may hold credentials).</summary>
    public override string ToString() => IsSet ? string.Join(", ", Names.Where(n => Values.ContainsKey(n))) : "no proxy";
}
