namespace KSail.Core.Configuration;

/// <summary>
/// What a distribution's native config rules need of the load they run in: where ksail.yaml's values
/// are, the environment, and the one place every problem is reported (all of them together, each with
/// its file, line and column).
/// </summary>
public sealed class NativeConfigContext
{
    private readonly DiagnosticBag diagnostics;
    private readonly Func<string, SourceLocation> at;

    internal NativeConfigContext(DiagnosticBag diagnostics, string configFile, Func<string, SourceLocation> at, IReadOnlyDictionary<string, string?> environment)
    {
        this.diagnostics = diagnostics;
        this.at = at;
        ConfigFile = configFile;
        Environment = environment;
    }

    /// <summary>The ksail.yaml (full path).</summary>
    public string ConfigFile { get; }

    /// <summary>The environment the declaration is loaded with (the tools' own variables, e.g. K3D_IMAGE_LOADBALANCER).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>Where the ksail.yaml value at <paramref name="ksailPath"/> is (the file's start when it is not set).</summary>
    public SourceLocation At(string ksailPath) => at(ksailPath);

    /// <summary>Where <paramref name="path"/> of the native config is (else its start, else ksail.yaml's).</summary>
    public SourceLocation At(NativeConfig native, string path)
    {
        ArgumentNullException.ThrowIfNull(native);
        return native.At(path, SourceLocation.StartOf(ConfigFile));
    }

    /// <summary>Records an error.</summary>
    public void Error(SourceLocation location, string message) => diagnostics.Error(location, message);

    /// <summary>Records a warning.</summary>
    public void Warning(SourceLocation location, string message) => diagnostics.Warning(location, message);

    /// <summary>
    /// A node count ksail.yaml sets (<paramref name="declared"/>, at <paramref name="ksailPath"/>) must
    /// agree with the one the native config declares (<paramref name="actual"/> <paramref name="nativeWhat"/> at <paramref name="nativePath"/>).
    /// </summary>
    public void CheckCount(int? declared, int actual, string ksailPath, string nativeWhat, NativeConfig native, string nativePath)
    {
        ArgumentNullException.ThrowIfNull(native);
        if (declared is { } wanted && wanted != actual)
        {
            Error(
                At(ksailPath),
                $"{ksailPath} is {wanted}, but {Path.GetFileName(native.File)} declares {actual} {nativeWhat} ({At(native, nativePath)}); make them agree, or leave {ksailPath} unset so the native config decides");
        }
    }
}
