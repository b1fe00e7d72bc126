using System.CommandLine;
using KSail.Core.Workloads;

namespace KSail.Cli.Commands;

/// <summary>
/// The options of <c>workload push</c> (KSail's pkg/cli/cmd/workload/push.go: the reference argument,
/// <c>--path</c>, <c>--registry</c> or <c>KSAIL_REGISTRY</c>) and <c>--config</c>, shared by
/// <c>workload reconcile</c>, which pushes first: one home for them and their mapping to
/// <see cref="WorkloadPushOptions"/>.
/// </summary>
internal sealed class PushChoice
{
    /// <summary>The environment variable that names the registry when <c>--registry</c> does not (KSail's).</summary>
    public const string RegistryVariable = "KSAIL_REGISTRY";

    /// <summary>The <c>oci://host:port/repository[/variant]:ref</c> argument.</summary>
    public Argument<string?> Reference { get; } = WorkloadCommands.OptionalArgument(
        "reference",
        "Where to push, oci://host:port/repository[/variant]:ref; every part is optional: host and port from the running local registry, the repository from the source directory's name, the ref 'dev' (or spec.workload.tag).");

    /// <summary><c>--path</c>.</summary>
    public Option<string?> Path { get; } = new("--path") { Description = "The directory of manifests to push (default: spec.workload.sourceDirectory, else k8s)." };

    /// <summary><c>--registry</c>.</summary>
    public Option<string?> Registry { get; } = new("--registry")
    {
        Description = $"The registry to push to, [user:pass@]host[:port][/path] (also {RegistryVariable}); default: the cluster's local registry.",
    };

    /// <summary><c>--config</c>.</summary>
    public Option<string?> Config { get; } = new("--config", "-c") { Description = "The ksail.yaml that declares the cluster, its registry and source directory." };

    /// <summary>Adds the argument and options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(Reference);
        command.Options.Add(Path);
        command.Options.Add(Registry);
        command.Options.Add(Config);
    }

    /// <summary>The push the command line asks for (a relative <c>--path</c> from the working directory).</summary>
    public WorkloadPushOptions OptionsOf(CliContext context, ParseResult parse) => new(
        parse.GetValue(Reference),
        parse.GetValue(Path) is { } given ? System.IO.Path.GetFullPath(given, context.WorkingDirectory) : null,
        parse.GetValue(Registry) ?? context.Environment.GetValueOrDefault(RegistryVariable));
}
