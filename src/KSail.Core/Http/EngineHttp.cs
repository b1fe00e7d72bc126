using System.Net;
using k8s;

namespace KSail.Core.Http;

/// <summary>
/// The one home of the engine's HTTP clients: the clients of a cluster's API and of component
/// downloads go through <see cref="EnvironmentProxy"/>, so a proxy of the environment is used as
/// kubectl uses it and never for the cluster's own API on a loopback address.
/// </summary>
public static class EngineHttp
{
    private static readonly Lazy<HttpClient> SharedDownloads = new(() => new HttpClient(Handler(EnvironmentProxy.FromProcess())) { Timeout = TimeSpan.FromMinutes(2) });

    /// <summary>One client for every download of the process (components are cached after the first), through the process's proxy.</summary>
    public static HttpClient Downloads => SharedDownloads.Value;

    /// <summary>A handler that sends requests through <paramref name="proxy"/>'s choice.</summary>
    public static SocketsHttpHandler Handler(IWebProxy proxy) => new() { Proxy = proxy, UseProxy = true };

    /// <summary>Makes the clients built from <paramref name="configuration"/> send their requests through <paramref name="proxy"/>'s choice.</summary>
    public static KubernetesClientConfiguration WithProxy(KubernetesClientConfiguration configuration, IWebProxy proxy)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var earlier = configuration.FirstMessageHandlerSetup;
        configuration.FirstMessageHandlerSetup = handler =>
        {
            earlier?.Invoke(handler);
            handler.Proxy = proxy;
            handler.UseProxy = true;
        };
        return configuration;
    }
}
