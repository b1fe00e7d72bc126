using KSail.Testing;

[assembly: AssemblyFixture(typeof(KSail.Build.Tasks.Tests.PackageFeed))]

namespace KSail.Build.Tasks.Tests;

/// <summary>
/// Every package this repository makes, packed once for the run into a local folder feed:
/// KSail.Build.Tasks and its xUnit companion for the dotnet test runs, the others for
/// <see cref="PackagesTests"/>, which opens each one.
/// </summary>
public sealed class PackageFeed() : PackedProjectsFeed(
    ("KSail.Build.Tasks", "src/KSail.Build.Tasks/KSail.Build.Tasks.csproj"),
    ("KSail.Build.Tasks.Xunit", "src/KSail.Build.Tasks/Xunit/KSail.Build.Tasks.Xunit.csproj"),
    ("KSail.Core", "src/KSail.Core/KSail.Core.csproj"),
    ("KSail.Cli", "src/KSail.Cli/KSail.Cli.csproj"),
    ("KSail.Cake", "src/KSail.Cake/KSail.Cake.csproj"),
    ("KSail.Nuke", "src/KSail.Nuke/KSail.Nuke.csproj"));
