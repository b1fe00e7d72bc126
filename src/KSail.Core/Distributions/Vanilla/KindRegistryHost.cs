using KSail.Core.Configuration;

namespace KSail.Core.Distributions.Vanilla;

/// <summary>One <c>hosts.toml</c> a kind node gets under its containerd's <c>config_path</c>.</summary>
/// <param name="Host">The registry host (the folder name: <c>docker.io</c>, <c>localhost:5050</c>).</param>
/// <param name="Content">The file's text.</param>
/// <param name="Mirror">The registry the nodes pull through it names, or null for a file of the mirrors directory.</param>
internal sealed record KindRegistryHost(string Host, string Content, NodeRegistryMirror? Mirror);
