using KSail.Testing;

[assembly: AssemblyFixture(typeof(KSail.Cake.Tests.AddinFeed))]

namespace KSail.Cake.Tests;

/// <summary>
/// KSail.Cake and the engine it depends on (KSail.Core), packed once for the run into a local
/// folder feed, as a user's <c>#addin nuget:</c> directive finds them.
/// </summary>
public sealed class AddinFeed() : PackedProjectsFeed(
    ("KSail.Core", "src/KSail.Core/KSail.Core.csproj"),
    ("KSail.Cake", "src/KSail.Cake/KSail.Cake.csproj"));
