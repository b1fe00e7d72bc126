using System.CommandLine;
using KSail.Core;
using KSail.Core.Configuration;
using Spectre.Console;

namespace KSail.Cli.Commands;

/// <summary><c>ksail cluster</c>: the cluster lifecycle.</summary>
internal static class ClusterCommands
{
    /// <summary>Options that set a ksail.yaml field, with the field they set (arguments win over environment and file).</summary>
    private static readonly (string Name, string Path, string Description)[] FieldOptions =
    [
        ("--name", "metadata.name", "The cluster name."),
        ("--distribution", "spec.cluster.distribution", "The distribution (Vanilla, K3s)."),
        ("--distribution-config", "spec.cluster.distributionConfig", "The native config file (kind.yaml, k3d.yaml)."),
        ("--provider", "spec.cluster.provider", "Where nodes run (Docker)."),
        ("--control-planes", "spec.cluster.controlPlanes", "Number of control-plane nodes."),
        ("--workers", "spec.cluster.workers", "Number of worker nodes."),
        ("--cni", "spec.cluster.cni", "The CNI (Default)."),
        ("--csi", "spec.cluster.csi", "CSI (Default, Disabled)."),
        ("--metrics-server", "spec.cluster.metricsServer", "metrics-server (Default, Disabled)."),
        ("--load-balancer", "spec.cluster.loadBalancer", "Load balancer (Default, Disabled)."),
        ("--cert-manager", "spec.cluster.certManager", "cert-manager (Disabled)."),
        ("--policy-engine", "spec.cluster.policyEngine", "Policy engine (None)."),
        ("--gitops-engine", "spec.cluster.gitOpsEngine", "GitOps engine (None)."),
        ("--kubeconfig", "spec.cluster.connection.kubeconfig", "The kubeconfig file to write the context to."),
        ("--timeout", "spec.cluster.connection.timeout", "Overall time limit, e.g. 10m."),
        ("--teardown", "spec.cluster.teardown", "When the cluster is deleted after a run: Always, OnSuccess, Never."),
    ];

    public static Command Create(CliContext context)
    {
        var config = new Option<string?>("--config", "-c") { Description = "The ksail.yaml to use (default: the nearest ksail.yaml at or above the current directory)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Load and validate everything, print the plan, and create nothing." };
        var fields = FieldOptions.Select(f => (Option: new Option<string?>(f.Name) { Description = f.Description }, f.Path)).ToList();

        var create = new Command("create", "Create the cluster declared in ksail.yaml.") { config, dryRun };
        foreach (var (option, _) in fields)
        {
            create.Add(option);
        }

        create.SetAction(parse =>
        {
            var overrides = fields
                .Where(f => parse.GetValue(f.Option) is not null)
                .Select(f => ConfigOverride.FromArgument(f.Path, parse.GetValue(f.Option)!, f.Option.Name))
                .ToList();
            ClusterDefinition definition;
            try
            {
                definition = ClusterConfigLoader.Load(new ClusterLoadOptions
                {
                    ConfigPath = parse.GetValue(config),
                    WorkingDirectory = context.WorkingDirectory,
                    Environment = context.Environment,
                    Overrides = overrides,
                });
            }
            catch (ConfigurationException ex)
            {
                foreach (var diagnostic in ex.Diagnostics)
                {
                    context.Report(diagnostic);
                }

                var errors = ex.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
                context.Error.WriteLine($"{errors} error{(errors == 1 ? string.Empty : "s")} in the cluster declaration; nothing was created.");
                return ExitCodes.InvalidConfiguration;
            }

            foreach (var warning in definition.Warnings)
            {
                context.Report(warning);
            }

            PlanView.Write(context.Out, definition);
            if (parse.GetValue(dryRun))
            {
                context.Out.WriteLine("Dry run: nothing was created.");
                return ExitCodes.Success;
            }

            context.Error.WriteLine("error: provisioning is not implemented yet in this version of KSail.NET (see README, 'What works today'); nothing was created. Use --dry-run to validate the declaration and see the plan.");
            return ExitCodes.ProvisioningFailed;
        });

        return new Command("cluster", "Create and manage clusters.") { create };
    }
}
