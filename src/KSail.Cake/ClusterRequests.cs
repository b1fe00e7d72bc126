using Cake.Core;
using KSail.Core;
using KSail.Core.Configuration;
using KSail.Core.Lifecycle;

namespace KSail.Cake;

/// <summary>Maps <see cref="KSailClusterSettings"/> onto the engine's <see cref="ClusterRequest"/>, as the CLI maps its options.</summary>
internal static class ClusterRequests
{
    public static ClusterRequest From(ICakeContext context, KSailClusterSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        settings ??= new KSailClusterSettings();
        var workingDirectory = (settings.WorkingDirectory ?? context.Environment.WorkingDirectory).MakeAbsolute(context.Environment);
        return new ClusterRequest
        {
            ConfigPath = settings.ConfigFile?.MakeAbsolute(workingDirectory).FullPath,
            WorkingDirectory = workingDirectory.FullPath,
            Environment = context.Environment.GetEnvironmentVariables().ToDictionary(e => e.Key, e => (string?)e.Value, StringComparer.Ordinal),
            Overrides = Overrides(settings),
            KeepOnFailure = settings.KeepOnFailure,
            IfExists = settings.IfExists,
            MirrorRegistries = [.. settings.MirrorRegistries],
            DeleteStorage = settings.DeleteStorage,
            Images = [.. settings.Images],
        };
    }

    /// <summary>The push <paramref name="settings"/> ask for (a relative path from the working directory).</summary>
    public static KSail.Core.Workloads.WorkloadPushOptions PushOptions(ICakeContext context, KSailClusterSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        settings ??= new KSailClusterSettings();
        var workingDirectory = (settings.WorkingDirectory ?? context.Environment.WorkingDirectory).MakeAbsolute(context.Environment);
        return new(settings.WorkloadReference, settings.WorkloadPath?.MakeAbsolute(workingDirectory).FullPath, settings.WorkloadRegistry);
    }

    private static List<ConfigOverride> Overrides(KSailClusterSettings s)
    {
        var overrides = s.FieldValues()
            .Where(f => f.Value is not null)
            .Select(f => ConfigOverride.FromArgument(f.Path, f.Value!, $"{nameof(KSailClusterSettings)}.{f.Setting}"))
            .ToList();
        overrides.AddRange(s.Values.Select(v => ConfigOverride.FromArgument(v.Key, v.Value, $"{nameof(KSailClusterSettings)}.{nameof(s.Values)}[{v.Key}]")));
        return overrides;
    }

    /// <summary>Runs an engine call, turning its failures into Cake's: a <see cref="KSailException"/> fails the task with its message and exit code.</summary>
    public static T Run<T>(Func<Task<T>> call)
    {
        try
        {
            return call().GetAwaiter().GetResult();
        }
        catch (KSailException e)
        {
            throw new CakeException(e.ExitCode, e.Message, e);
        }
    }
}
