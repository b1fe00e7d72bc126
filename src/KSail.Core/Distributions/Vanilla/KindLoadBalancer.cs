using System.Globalization;
using System.Text;

namespace KSail.Core.Distributions.Vanilla;

/// <summary>
/// kind's external load balancer (<c>&lt;name&gt;-external-load-balancer</c>), in front of the API
/// servers of a cluster with several control planes: as kind v0.32 runs it, an Envoy started with a
/// bootstrap config that reads its listeners and clusters from two files (file-based xDS), which kind
/// replaces by moving new files into place once the control planes exist.
/// </summary>
internal static class KindLoadBalancer
{
    /// <summary>The folder Envoy's files live in.</summary>
    public const string ConfigDirectory = "/home/envoy";

    /// <summary>The bootstrap config the container's command writes.</summary>
    public const string BootstrapPath = ConfigDirectory + "/envoy.yaml";

    /// <summary>The clusters file (CDS): the API servers to balance over.</summary>
    public const string ClustersPath = ConfigDirectory + "/cds.yaml";

    /// <summary>The listeners file (LDS): the API port.</summary>
    public const string ListenersPath = ConfigDirectory + "/lds.yaml";

    /// <summary>The port of Envoy's admin listener in the container.</summary>
    public const int AdminPort = 10000;

    private const string ClusterName = "kube_apiservers";

    /// <summary>
    /// The container's command, as kind gives it: write the bootstrap config (naming the cluster and
    /// the container), create empty listener and cluster files unless they exist (a restarted
    /// container keeps its last ones), then run Envoy, again after a second whenever it fails.
    /// </summary>
    public static IReadOnlyList<string> Command(string cluster, string container)
    {
        var bootstrap = string.Create(CultureInfo.InvariantCulture, $"""

            node:
              cluster: {cluster}
              id: {container}

            dynamic_resources:
              cds_config:
                resource_api_version: V3
                path_config_source:
                  path: {ClustersPath}
              lds_config:
                resource_api_version: V3
                path_config_source:
                  path: {ListenersPath}

            admin:
              access_log_path: /dev/stdout
              address:
                socket_address:
                  address: 0.0.0.0
                  port_value: {AdminPort}

            """);
        const string empty = "resources: []";
        var script = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"mkdir -p {ConfigDirectory}")
            .Append(CultureInfo.InvariantCulture, $" && echo -en '{bootstrap}' > {BootstrapPath}")
            .Append(CultureInfo.InvariantCulture, $" && {{ [ ! -f {ClustersPath} ] && echo -en '{empty}' > {ClustersPath} || true; }}")
            .Append(CultureInfo.InvariantCulture, $" && {{ [ ! -f {ListenersPath} ] && echo -en '{empty}' > {ListenersPath} || true; }}")
            .Append(CultureInfo.InvariantCulture, $" && while true; do envoy -c {BootstrapPath} && break; sleep 1; done")
            .ToString();
        return ["bash", "-c", script];
    }

    /// <summary>The listeners: the API port on every address of the container, passed through to the API servers.</summary>
    public static string Listeners(bool ipv6) => string.Create(CultureInfo.InvariantCulture, $"""
        resources:
        - "@type": type.googleapis.com/envoy.config.listener.v3.Listener
          name: listener_apiserver
          address:
            socket_address:
              address: "{(ipv6 ? "::" : "0.0.0.0")}"
              port_value: {KubeadmConfig.ApiServerPort}
          filter_chains:
          - filters:
            - name: envoy.filters.network.tcp_proxy
              typed_config:
                "@type": type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy
                stat_prefix: ingress_tcp
                cluster: {ClusterName}

        """);

    /// <summary>
    /// The clusters: the API servers of <paramref name="controlPlanes"/> by container name (resolved on
    /// the cluster network), round robin, each checked with <c>GET /healthz</c> over TLS every 2 s (the
    /// API server's certificate is not verified) and taken out after two failed checks, back after one.
    /// </summary>
    public static string Clusters(IEnumerable<string> controlPlanes, bool ipv6)
    {
        var yaml = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"""
            resources:
            - "@type": type.googleapis.com/envoy.config.cluster.v3.Cluster
              name: {ClusterName}
              connect_timeout: 0.25s
              type: STRICT_DNS
              lb_policy: ROUND_ROBIN
              dns_lookup_family: {(ipv6 ? "AUTO" : "V4_PREFERRED")}
              health_checks:
              - timeout: 3s
                interval: 2s
                unhealthy_threshold: 2
                healthy_threshold: 1
                initial_jitter: 0s
                no_traffic_interval: 3s
                always_log_health_check_failures: true
                always_log_health_check_success: true
                event_log_path: /dev/stdout
                http_health_check:
                  path: /healthz
                transport_socket_match_criteria:
                  tls_mode: "true"
              transport_socket_matches:
              - name: health_check_tls
                match:
                  tls_mode: "true"
                transport_socket:
                  name: envoy.transport_sockets.tls
                  typed_config:
                    "@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext
                    common_tls_context:
                      validation_context:
                        trust_chain_verification: ACCEPT_UNTRUSTED
              load_assignment:
                cluster_name: {ClusterName}
                endpoints:
                - lb_endpoints:

            """));
        foreach (var node in controlPlanes.Order(StringComparer.Ordinal))
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                      - endpoint:
                          address:
                            socket_address:
                              address: {node}
                              port_value: {KubeadmConfig.ApiServerPort}

                """);
        }

        return yaml.ToString();
    }
}
