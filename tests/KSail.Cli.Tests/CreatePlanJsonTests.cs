using System.Text.Json;
using KSail.Core;
using KSail.Testing;

namespace KSail.Cli.Tests;

/// <summary><c>cluster create --dry-run --output json</c>: the plan as one JSON document (what the GitHub Action caches images from).</summary>
public sealed class CreatePlanJsonTests
{
    [Fact]
    public async Task The_plan_of_the_Vanilla_example_names_every_node_with_its_role_and_image()
    {
        // Given
        var example = Path.Combine(RepositoryPaths.Root, "examples", "vanilla");

        // When
        var run = await Ksail.RunAsync(example, "cluster", "create", "--dry-run", "--output", "json");

        // Then
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        using var plan = JsonDocument.Parse(run.Output);
        var root = plan.RootElement;
        Assert.Equal("demo", root.GetProperty("name").GetString());
        Assert.Equal("Vanilla", root.GetProperty("distribution").GetString());
        Assert.Equal("Docker", root.GetProperty("provider").GetString());
        var nodes = root.GetProperty("nodes").EnumerateArray()
            .Select(n => (Name: n.GetProperty("name").GetString()!, Role: n.GetProperty("role").GetString()!, Image: n.GetProperty("image").GetString()!))
            .ToList();
        Assert.Contains(nodes, n => n is { Name: "demo-control-plane", Role: "ControlPlane" });
        Assert.Contains(nodes, n => n is { Name: "demo-worker2", Role: "Worker" });
        Assert.All(nodes, n => Assert.False(string.IsNullOrWhiteSpace(n.Image)));
        var images = root.GetProperty("images").EnumerateArray().Select(i => i.GetString()!).ToList();
        Assert.Equal(nodes.Select(n => n.Image).Distinct().Order(StringComparer.Ordinal), images);
    }

    [Fact]
    public async Task The_plan_of_the_K3s_example_includes_k3d_s_load_balancer_and_its_image()
    {
        // Given
        var example = Path.Combine(RepositoryPaths.Root, "examples", "k3s");
        var environment = new Dictionary<string, string?> { ["K3D_IMAGE_LOADBALANCER"] = "local/k3d-proxy:test" };

        // When
        var run = await Ksail.RunAsync(example, environment, "cluster", "create", "--dry-run", "--output", "json", "--name", "cached");

        // Then
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        using var plan = JsonDocument.Parse(run.Output);
        var root = plan.RootElement;
        Assert.Equal("cached", root.GetProperty("name").GetString());
        Assert.Equal("K3s", root.GetProperty("distribution").GetString());
        var roles = root.GetProperty("nodes").EnumerateArray()
            .Select(n => (Name: n.GetProperty("name").GetString(), Role: n.GetProperty("role").GetString(), Image: n.GetProperty("image").GetString()))
            .ToList();
        Assert.Contains(("k3d-cached-serverlb", "LoadBalancer", "local/k3d-proxy:test"), roles);
        Assert.Equal(2, roles.Count(n => n.Role == "Worker"));
        Assert.Contains("local/k3d-proxy:test", root.GetProperty("images").EnumerateArray().Select(i => i.GetString()));
    }

    [Fact]
    public async Task With_a_local_registry_and_a_mirror_the_plan_shows_them_and_their_image_is_among_the_images_to_cache()
    {
        // Given the Vanilla example with a local registry and a mirror, the registry image named by KSAIL_REGISTRY_IMAGE
        var example = Path.Combine(RepositoryPaths.Root, "examples", "vanilla");
        var environment = new Dictionary<string, string?> { ["KSAIL_REGISTRY_IMAGE"] = "local/registry:test", ["GHCR_TOKEN"] = "ghp_s3cret" };

        // When the plan is printed as JSON and as text
        var json = await Ksail.RunAsync(example, environment, "cluster", "create", "--dry-run", "--output", "json", "--local-registry", "localhost:5050", "--mirror-registry", "me:${GHCR_TOKEN}@ghcr.io");
        var text = await Ksail.RunAsync(example, environment, "cluster", "create", "--dry-run", "--local-registry", "localhost:5050", "--mirror-registry", "me:${GHCR_TOKEN}@ghcr.io");

        // Then the registry image is cached with the node images, and the text plan names both registries, never the password
        Assert.Equal(ExitCodes.Success, json.ExitCode);
        using var plan = JsonDocument.Parse(json.Output);
        Assert.Contains("local/registry:test", plan.RootElement.GetProperty("images").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(ExitCodes.Success, text.ExitCode);
        Assert.Contains("demo-local-registry", text.Output, StringComparison.Ordinal);
        Assert.Contains("demo-ghcr.io", text.Output, StringComparison.Ordinal);
        Assert.Contains("me:${GHCR_TOKEN}", text.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_s3cret", json.Output + json.Error + text.Output + text.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mirror_with_a_password_in_plain_text_is_refused_with_exit_code_3_naming_the_argument_without_repeating_it()
    {
        var example = Path.Combine(RepositoryPaths.Root, "examples", "vanilla");

        var run = await Ksail.RunAsync(example, "cluster", "create", "--dry-run", "--mirror-registry", "me:s3cret@ghcr.io");

        Assert.Equal(ExitCodes.InvalidConfiguration, run.ExitCode);
        Assert.Contains("argument --mirror-registry", run.Error, StringComparison.Ordinal);
        Assert.Contains("'me:<redacted>@ghcr.io' holds a password in plain text", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", run.Output + run.Error, StringComparison.Ordinal);
    }
}
