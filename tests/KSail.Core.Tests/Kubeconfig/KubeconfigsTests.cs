using KSail.Core.Kubeconfig;
using KSail.Testing;

namespace KSail.Core.Tests.Kubeconfig;

public sealed class KubeconfigsTests
{
    private const string Admin = """
        apiVersion: v1
        kind: Config
        clusters:
        - cluster:
            certificate-authority-data: Q0E=
            server: https://demo-control-plane:6443
          name: demo
        contexts:
        - context:
            cluster: demo
            user: kubernetes-admin
          name: kubernetes-admin@demo
        current-context: kubernetes-admin@demo
        users:
        - name: kubernetes-admin
          user:
            client-certificate-data: Q0VSVA==
            client-key-data: S0VZ
        """;

    private const string Other = """
        apiVersion: v1
        kind: Config
        clusters:
        - cluster:
            server: https://prod.example:6443
          name: prod
        contexts:
        - context:
            cluster: prod
            user: prod
          name: prod
        current-context: prod
        users:
        - name: prod
          user:
            token: secret
        """;

    [Fact]
    public void A_nodes_admin_kubeconfig_is_renamed_and_pointed_at_the_host_endpoint()
    {
        var rewritten = k8s.KubernetesYaml.Deserialize<k8s.KubeConfigModels.K8SConfiguration>(
            Kubeconfigs.Rewrite(Admin, "kind-demo", new Uri("https://127.0.0.1:40123")));

        var cluster = Assert.Single(rewritten.Clusters);
        Assert.Equal(("kind-demo", "https://127.0.0.1:40123", "Q0E="), (cluster.Name, cluster.ClusterEndpoint.Server, cluster.ClusterEndpoint.CertificateAuthorityData));
        Assert.Equal("kind-demo", Assert.Single(rewritten.Users).Name);
        Assert.Equal("S0VZ", rewritten.Users.Single().UserCredentials.ClientKeyData);
        var context = Assert.Single(rewritten.Contexts);
        Assert.Equal(("kind-demo", "kind-demo", "kind-demo"), (context.Name, context.ContextDetails.Cluster, context.ContextDetails.User));
        Assert.Equal("kind-demo", rewritten.CurrentContext);
    }

    [Fact]
    public void Merging_keeps_other_entries_replaces_its_own_and_writes_mode_0600()
    {
        using var dir = new ScratchDirectory();
        var path = dir.Write(".kube/config", Other);
        var ours = Kubeconfigs.Rewrite(Admin, "kind-demo", new Uri("https://127.0.0.1:40123"));

        Kubeconfigs.MergeInto(path, ours);
        Kubeconfigs.MergeInto(path, Kubeconfigs.Rewrite(Admin, "kind-demo", new Uri("https://127.0.0.1:40999")));

        var merged = k8s.KubernetesYaml.Deserialize<k8s.KubeConfigModels.K8SConfiguration>(File.ReadAllText(path));
        Assert.Equal(["prod", "kind-demo"], merged.Clusters.Select(c => c.Name));
        Assert.Equal("https://127.0.0.1:40999", merged.Clusters.Last().ClusterEndpoint.Server);
        Assert.Equal("secret", merged.Users.First(u => u.Name == "prod").UserCredentials.Token);
        Assert.Equal("kind-demo", merged.CurrentContext);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void Removing_a_context_keeps_the_others()
    {
        using var dir = new ScratchDirectory();
        var path = dir.Write("config", Other);
        Kubeconfigs.MergeInto(path, Kubeconfigs.Rewrite(Admin, "kind-demo", new Uri("https://127.0.0.1:40123")));

        Kubeconfigs.RemoveFrom(path, "kind-demo");

        var left = k8s.KubernetesYaml.Deserialize<k8s.KubeConfigModels.K8SConfiguration>(File.ReadAllText(path));
        Assert.Equal(["prod"], left.Clusters.Select(c => c.Name));
        Assert.Equal(["prod"], left.Contexts.Select(c => c.Name));
        Assert.Equal(string.Empty, left.CurrentContext ?? string.Empty);
    }

    [Fact]
    public void Removing_two_contexts_is_one_edit_that_keeps_every_other_entry_and_field()
    {
        using var dir = new ScratchDirectory();
        var path = dir.Write("config", """
            apiVersion: v1
            kind: Config
            preferences:
              colors: true
            clusters:
            - cluster:
                server: https://prod.example:6443
              name: prod
            - cluster:
                server: https://127.0.0.1:40123
              name: kind-demo
            - cluster:
                server: https://127.0.0.1:40124
              name: k3d-demo
            contexts:
            - context:
                cluster: kind-demo
                user: kind-demo
              name: kind-demo
            - context:
                cluster: prod
                user: prod
              name: prod
            - context:
                cluster: k3d-demo
                user: k3d-demo
              name: k3d-demo
            current-context: k3d-demo
            users:
            - name: kind-demo
              user:
                token: a
            - name: prod
              user:
                token: secret
            - name: k3d-demo
              user:
                token: b
            extensions:
            - name: kept
              extension:
                note: as written
            """);

        Assert.True(Kubeconfigs.RemoveFrom(path, "kind-demo", "k3d-demo"));

        var text = File.ReadAllText(path);
        var left = k8s.KubernetesYaml.Deserialize<k8s.KubeConfigModels.K8SConfiguration>(text);
        Assert.Equal(["prod"], left.Clusters.Select(c => c.Name));
        Assert.Equal(["prod"], left.Users.Select(u => u.Name));
        Assert.Equal(["prod"], left.Contexts.Select(c => c.Name));
        Assert.Equal("secret", left.Users.Single().UserCredentials.Token);
        Assert.Equal(string.Empty, left.CurrentContext ?? string.Empty);
        Assert.Contains("colors: true", text, StringComparison.Ordinal);
        Assert.Contains("note: as written", text, StringComparison.Ordinal);
        Assert.DoesNotContain("...", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_contexts_the_file_does_not_name_leaves_it_untouched()
    {
        using var dir = new ScratchDirectory();
        var path = dir.Write("config", Other);
        var before = File.GetLastWriteTimeUtc(path);

        Assert.False(Kubeconfigs.RemoveFrom(path, "kind-demo", "k3d-demo"));
        Assert.False(Kubeconfigs.RemoveFrom(Path.Combine(dir.Path, "missing"), "kind-demo"));

        Assert.Equal(Other, File.ReadAllText(path));
        Assert.Equal(before, File.GetLastWriteTimeUtc(path));
    }
}
