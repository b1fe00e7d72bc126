using KSail.Testing;

[assembly: AssemblyFixture(typeof(KSail.Build.Tasks.Tests.PackageFeed))]

namespace KSail.Build.Tasks.Tests;

/// <summary>KSail.Build.Tasks (and its xUnit companion) packed once for the run into a local folder feed.</summary>
public sealed class PackageFeed() : PackedProjectsFeed(
    ("KSail.Build.Tasks", "src/KSail.Build.Tasks/KSail.Build.Tasks.csproj"),
    ("KSail.Build.Tasks.Xunit", "src/KSail.Build.Tasks/Xunit/KSail.Build.Tasks.Xunit.csproj"));
