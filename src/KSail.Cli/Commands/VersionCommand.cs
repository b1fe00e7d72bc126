using System.CommandLine;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using KSail.Core;

namespace KSail.Cli.Commands;

/// <summary><c>ksail version</c>: the version of KSail.NET and the .NET runtime it runs on.</summary>
internal static class VersionCommand
{
    public static Command Create(CliContext context)
    {
        var output = OutputFormats.CreateOption();
        var command = new Command("version", "Show the version of KSail.NET and of the .NET runtime it runs on.") { output };
        command.Annotate(ToolPermission.Read);
        command.SetAction(parse =>
        {
            var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? typeof(VersionCommand).Assembly.GetName().Version?.ToString()
                ?? "unknown";
            if (parse.GetValue(output) == OutputFormat.Json)
            {
                context.WriteLine(JsonSerializer.Serialize(
                    new Dictionary<string, string> { ["version"] = version, ["runtime"] = RuntimeInformation.FrameworkDescription, ["os"] = RuntimeInformation.RuntimeIdentifier },
                    OutputFormats.JsonOptions));
            }
            else
            {
                context.WriteLine($"ksail {version} ({RuntimeInformation.FrameworkDescription}, {RuntimeInformation.RuntimeIdentifier})");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
