using Serilog;

// dotnet run -- [IntegrationTests | Up Nodes Info Down ...] [--config ksail.yaml]
// Runs the targets in order, as `nuke Up Nodes Down` would; a failing target fails the run (exit 1).
Log.Logger = new LoggerConfiguration()
    .WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} [{Level:u3}] {Message:lj}{NewLine}{Exception}")
    .CreateLogger();

var config = "ksail.yaml";
var targets = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--config" && i + 1 < args.Length)
    {
        config = args[++i];
    }
    else
    {
        targets.Add(args[i]);
    }
}

if (targets.Count == 0)
{
    targets.Add(nameof(Build.IntegrationTests));
}

var build = new Build(config);
foreach (var target in targets)
{
    Action? run = target switch
    {
        nameof(Build.IntegrationTests) => build.IntegrationTests,
        nameof(Build.Up) => build.Up,
        nameof(Build.Nodes) => build.Nodes,
        nameof(Build.Info) => build.Info,
        nameof(Build.Down) => build.Down,
        _ => null,
    };
    if (run is null)
    {
        Console.Error.WriteLine($"Unknown target '{target}' (IntegrationTests, Up, Nodes, Info, Down).");
        return 2;
    }

    Log.Information("═══ {Target:l}", target);
    try
    {
        run();
    }
    catch (Exception ex)
    {
        Log.Error(ex, "Target {Target:l} failed", target);
        Log.CloseAndFlush();
        return 1;
    }
}

Log.CloseAndFlush();
return 0;
