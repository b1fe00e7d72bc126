using System.Text.Json.Nodes;
using KSail.Core.Configuration;
using KSail.Testing;

namespace KSail.Core.Tests.Configuration;

public sealed class SchemaTests
{
    [Fact]
    public void The_checked_in_schema_matches_the_model()
    {
        var checkedIn = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "schemas", "ksail.schema.json"));
        Assert.True(
            checkedIn == ClusterConfigSchema.Generate(),
            "schemas/ksail.schema.json is out of date: run build/update-schema.sh and commit the result");
    }

    [Fact]
    public void The_schema_describes_KSails_fields_and_ours()
    {
        var schema = JsonNode.Parse(ClusterConfigSchema.Generate())!;
        var cluster = schema["properties"]!["spec"]!["properties"]!["cluster"]!;

        Assert.Equal("ksail.io/v1alpha1", schema["properties"]!["apiVersion"]!["const"]!.GetValue<string>());
        Assert.False(schema["additionalProperties"]!.GetValue<bool>());
        Assert.Equal(
            ["Vanilla", "K3s", "Talos", "VCluster", "KWOK", "EKS", "GKE", "AKS"],
            cluster["properties"]!["distribution"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("integer", cluster["properties"]!["workers"]!["type"]!.GetValue<string>());
        Assert.NotNull(cluster["properties"]!["timeouts"]!["properties"]!["stability"]);
        Assert.Contains("Default keeps the distribution's built-in CNI", cluster["properties"]!["cni"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(schema["properties"]!["spec"]!["properties"]!["provider"]!["properties"]!["hetzner"]!["properties"]!["placementGroupStrategy"]);
    }
}
