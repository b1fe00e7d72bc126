namespace KSail.Core.Configuration;

/// <summary>
/// A registry the nodes pull through, whatever the distribution: images named
/// <see cref="Host"/><c>/…</c> (<c>localhost:5050</c>, <c>docker.io</c>) are pulled from
/// <see cref="Endpoint"/> (<c>http://kind-local-registry:5000</c>, a registry container on the
/// cluster's network), falling back to <see cref="Host"/> itself. Each distribution writes it into
/// its nodes in their own form (see its folder under <c>Distributions/</c>).
/// </summary>
/// <param name="Host">The registry host as image names spell it, with its port if it has one.</param>
/// <param name="Endpoint">The URL the nodes reach it at, scheme included (<c>http://</c> for the plain-HTTP registries KSail.NET runs).</param>
public sealed record NodeRegistryMirror(string Host, string Endpoint);
