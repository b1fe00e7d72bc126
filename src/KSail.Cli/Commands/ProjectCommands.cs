using System.CommandLine;
using KSail.Core;
using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Core.Projects;

namespace KSail.Cli.Commands;

/// <summary><c>ksail project</c>: scaffold a project, print the schema.</summary>
internal static class ProjectCommands
{
    public static Command Create(CliContext context)
    {
        var distribution = new Option<Distribution>("--distribution", "-d")
        {
            Description = $"The distribution: {string.Join(", ", Supported.Distributions)}.",
            DefaultValueFactory = _ => KSail.Core.Distributions.DistributionRegistry.Default.Id,

            // Help names the distributions this version can create, not every name the enum knows.
            HelpName = string.Join("|", Supported.Distributions),
        };
        var name = new Option<string?>("--name", "-n") { Description = "The cluster name (default: the distribution's default name)." };
        var workers = new Option<int>("--workers") { Description = "Number of worker nodes.", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--output", "-o") { Description = "The directory to create the project in (default: the current directory)." };
        var force = new Option<bool>("--force") { Description = "Overwrite files that exist." };

        var init = new Command("init", "Create ksail.yaml, the distribution's native config (kind.yaml, k3d.yaml or kwok.yaml), its schema and an empty k8s/ directory.")
        {
            distribution, name, workers, output, force,
        };
        init.Annotate(ToolPermission.Write);
        init.SetAction(parse =>
        {
            var directory = Path.GetFullPath(parse.GetValue(output) ?? ".", context.WorkingDirectory);
            try
            {
                var written = ProjectScaffolder.Init(new ProjectInitOptions
                {
                    Directory = directory,
                    Distribution = parse.GetValue(distribution),
                    Name = parse.GetValue(name),
                    Workers = parse.GetValue(workers),
                    Force = parse.GetValue(force),
                });
                foreach (var path in written)
                {
                    var shown = path.StartsWith(context.WorkingDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                        ? Path.GetRelativePath(context.WorkingDirectory, path)
                        : path;
                    context.WriteLine($"created {shown}");
                }

                context.WriteLine("Next: ksail cluster create --dry-run");
                return ExitCodes.Success;
            }
            catch (ProjectExistsException ex)
            {
                context.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.Usage;
            }
            catch (ArgumentException ex)
            {
                // The message without ArgumentException's " (Parameter 'options')" tail, which means nothing to a user.
                context.Error.WriteLine($"error: {ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal)}");
                return ExitCodes.Usage;
            }
        });

        var schema = new Command("schema", "Print the JSON Schema of ksail.yaml.").Annotate(ToolPermission.Read);
        schema.SetAction(_ =>
        {
            context.Out.Profile.Out.Writer.Write(ClusterConfigSchema.Generate());
            return ExitCodes.Success;
        });

        return new Command("project", "Create and describe KSail projects.") { init, schema };
    }
}
