using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>PortMapping defines a mapping between a container port and a host port.</summary>
[Description("PortMapping defines a mapping between a container port and a host port.")]
public sealed class TalosPortMapping
{
    /// <summary>ContainerPort is the port inside the container.</summary>
    [Description("ContainerPort is the port inside the container.")]
    [JsonPropertyName("containerPort")]
    public int? ContainerPort { get; set; }

    /// <summary>HostPort is the port on the host. If 0, Docker assigns a random port.</summary>
    [Description("HostPort is the port on the host. If 0, Docker assigns a random port.")]
    [JsonPropertyName("hostPort")]
    public int? HostPort { get; set; }

    /// <summary>Protocol is the network protocol (TCP or UDP). Defaults to TCP.</summary>
    [Description("Protocol is the network protocol (TCP or UDP). Defaults to TCP.")]
    [JsonPropertyName("protocol")]
    public PortProtocol? Protocol { get; set; }
}
