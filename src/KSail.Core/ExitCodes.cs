namespace KSail.Core;

/// <summary>The exit codes of every KSail.NET command and surface (one table, documented in README).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>An unexpected error (a bug, or a failure no other code covers).</summary>
    public const int Unexpected = 1;

    /// <summary>The command line was wrong: unknown command or option, or a missing value.</summary>
    public const int Usage = 2;

    /// <summary>The cluster declaration (ksail.yaml or its native config) is invalid.</summary>
    public const int InvalidConfiguration = 3;

    /// <summary>Docker (or another provider) is not available.</summary>
    public const int ProviderUnavailable = 4;

    /// <summary>Creating the cluster failed.</summary>
    public const int ProvisioningFailed = 5;

    /// <summary>The cluster did not become ready in time.</summary>
    public const int ReadinessTimedOut = 6;

    /// <summary>The operation was cancelled (Ctrl+C, SIGTERM).</summary>
    public const int Cancelled = 130;
}
