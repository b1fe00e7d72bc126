namespace KSail.Core.Configuration;

/// <summary>
/// A registry the nodes pull through, whatever the distribution: images named
/// <see cref="Host"/><c>/…</c> (<c>localhost:5050</c>, <c>docker.io</c>) are pulled from
/// <see cref="Endpoint"/> (<c>http://kind-local-registry:5000</c>, a registry container on the
/// cluster's network), falling back to <see cref="Host"/> itself as containerd and k3s do. Each
/// distribution writes it in its nodes' own form: containerd <c>hosts.toml</c> under
/// <c>/etc/containerd/certs.d</c> for kind nodes, <c>/etc/rancher/k3s/registries.yaml</c> for K3s.
/// </summary>
/// <param name="Host">The registry host as image names spell it, with its port if it has one.</param>
/// <param name="Endpoint">The URL the nodes reach it at, scheme included (<c>http://</c> for the plain-HTTP registries KSail.NET runs).</param>
public sealed record NodeRegistryMirror(string Host, string Endpoint);
