namespace KSail.Core.Components;

/// <summary>One pinned upstream file: where upstream serves it and its SHA-256.</summary>
/// <param name="Url">The upstream address (a release asset, or a file of the upstream repository at a pinned commit).</param>
/// <param name="Sha256">The SHA-256 of its bytes, lower-case hex.</param>
public sealed record PinnedFile(Uri Url, string Sha256);
