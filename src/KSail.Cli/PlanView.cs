using KSail.Core.Configuration;
using Spectre.Console;

namespace KSail.Cli;

/// <summary>Shows what creating a cluster will do.</summary>
internal static class PlanView
{
    public static void Write(IAnsiConsole console, ClusterDefinition cluster)
    {
        console.MarkupLine($"[bold]Plan for cluster '{Markup.Escape(cluster.Name)}'[/] ({cluster.Distribution} on {cluster.Provider})");
        var facts = new Grid().AddColumn().AddColumn();
        facts.AddRow("ksail.yaml", Markup.Escape(cluster.ConfigFile));
        facts.AddRow("native config", Markup.Escape(cluster.DistributionConfigFile ?? "none: the distribution's defaults"));
        facts.AddRow("context", Markup.Escape($"{cluster.ContextName} in {cluster.KubeconfigPath}"));
        facts.AddRow("network", Markup.Escape(cluster.Network));
        facts.AddRow("teardown", cluster.Teardown.ToString());
        console.Write(facts);

        var nodes = new Table().Title("Nodes").AddColumns("NAME", "ROLE", "IMAGE");
        foreach (var node in cluster.Nodes)
        {
            nodes.AddRow(Markup.Escape(node.Name), node.Role.ToString(), Markup.Escape(node.Image));
        }

        console.Write(nodes);

        var ports = new Table().Title("Published ports").AddColumns("NODE", "HOST", "CONTAINER", "FOR");
        foreach (var port in cluster.Ports)
        {
            var host = $"{port.ListenAddress}:{port.HostPort switch { 0 => "free, kept", < 0 => "Docker's, per start", _ => port.HostPort.ToString(System.Globalization.CultureInfo.InvariantCulture) }}";
            var purpose = port.ProxiedTo.Count == 0 ? port.Purpose : $"{port.Purpose}, forwarded to {string.Join(", ", port.ProxiedTo)}";
            ports.AddRow(Markup.Escape(port.Node), Markup.Escape(host), $"{port.ContainerPort}/{port.Protocol}", Markup.Escape(purpose));
        }

        console.Write(ports);
        if (cluster.Ports.Any(p => p.HostPort <= 0))
        {
            console.Profile.Out.Writer.WriteLine(cluster.Ports.Any(p => p.HostPort < 0)
                ? "free, kept: a free host port is picked at create and kept across restarts; Docker's, per start: Docker picks a new one at each start (hostPort -1)"
                : "free, kept: a free host port is picked at create and kept across restarts");
        }


        if (cluster.Registries.Count > 0)
        {
            // One line each, as progress names them (the credentials by their variable, never their value).
            console.Profile.Out.Writer.WriteLine("Registries (before the nodes, on the cluster's network):");
            foreach (var registry in cluster.Registries)
            {
                console.Profile.Out.Writer.WriteLine($"  {Core.Registries.ClusterRegistries.Describe(registry)}, image {registry.Image}");
            }
        }

        var components = new Table().Title("Components").AddColumns("PHASE", "COMPONENT", "SETTING", "RESULT");
        foreach (var component in cluster.Components)
        {
            components.AddRow(((int)component.Phase).ToString(System.Globalization.CultureInfo.InvariantCulture), component.Component, component.Setting, Markup.Escape(component.Outcome));
        }

        console.Write(components);
        if (cluster.CniDisabledBy is { } setting)
        {
            console.Profile.Out.Writer.WriteLine(
                $"No CNI: {setting} turns the distribution's own CNI off; install yours once the cluster is up. Until it runs, the nodes stay NotReady, and the stability check waits only for the API server, the nodes to register and the DaemonSets on the host network.");
        }


        var t = cluster.Timeouts;
        var overall = cluster.OperationTimeout is { } o ? $", overall {GoDuration.Format(o)}" : string.Empty;
        console.WriteLine(
            $"Timeouts: provision {GoDuration.Format(t.Provision)}, components {GoDuration.Format(t.Components)}, stability {GoDuration.Format(t.Stability)}, gitops {GoDuration.Format(t.GitOps)}, teardown {GoDuration.Format(t.Teardown)}{overall}");
    }
}
