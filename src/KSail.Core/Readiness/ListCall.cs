using k8s.Autorest;

namespace KSail.Core.Readiness;

/// <summary>One list (<paramref name="watch"/> false) or watch (true) request, from <paramref name="resourceVersion"/>.</summary>
internal delegate Task<HttpOperationResponse<TList>> ListCall<TList>(string? resourceVersion, bool watch, CancellationToken ct);
