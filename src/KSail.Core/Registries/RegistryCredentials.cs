namespace KSail.Core.Registries;

/// <summary>
/// The credentials a pull-through mirror gives its upstream: a user name and the password read from
/// the environment variable the declaration names. The password is held for the container's
/// environment only (<c>REGISTRY_PROXY_PASSWORD</c>, as KSail's <c>buildProxyCredentialsEnv</c> sets
/// it); it is never shown: <see cref="ToString"/> names its variable.
/// </summary>
public sealed class RegistryCredentials
{
    private readonly string password;

    /// <summary>Creates credentials.</summary>
    /// <param name="user">The user name (already read from its variable, when it names one).</param>
    /// <param name="passwordVariable">The environment variable the password was read from.</param>
    /// <param name="password">The password.</param>
    public RegistryCredentials(string user, string passwordVariable, string password)
    {
        User = user;
        PasswordVariable = passwordVariable;
        this.password = password;
    }

    /// <summary>The user name.</summary>
    public string User { get; }

    /// <summary>The environment variable that holds the password.</summary>
    public string PasswordVariable { get; }

    /// <summary>The registry's environment overrides that make it log in to its upstream.</summary>
    internal IReadOnlyList<string> ProxyEnvironment() => [$"REGISTRY_PROXY_USERNAME={User}", $"REGISTRY_PROXY_PASSWORD={password}"];

    /// <summary>The credentials as plans and logs show them: the user and the password's variable.</summary>
    public override string ToString() => $"{User}:${{{PasswordVariable}}}";
}
