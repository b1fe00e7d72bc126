namespace KSail.Testing.TestBed;

/// <summary>The daemon settings users have that a <see cref="SecondDockerEngine"/> starts with.</summary>
public sealed record SecondDockerEngineOptions
{
    /// <summary>Run Docker's init in every container unless the request says otherwise (<c>dockerd --init</c>, daemon.json <c>"init": true</c>).</summary>
    public bool DefaultInit { get; init; }

    /// <summary>The MTU of the default bridge (<c>dockerd --mtu</c>, daemon.json <c>"mtu"</c>), or null for Docker's 1500.</summary>
    public int? Mtu { get; init; }

    /// <summary>
    /// Remap container root to an unprivileged user (<c>dockerd --userns-remap</c>): <c>default</c>
    /// makes dockerd create and use the <c>dockremap</c> user (it stays in /etc/passwd and
    /// /etc/subuid, as on a user's machine); null for no remapping.
    /// </summary>
    public string? UserNamespaceRemap { get; init; }
}
