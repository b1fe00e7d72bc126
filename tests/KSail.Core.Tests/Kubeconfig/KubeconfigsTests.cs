using KSail.Core.Kubeconfig;
using KSail.Testing;
using YamlDotNet.RepresentationModel;

namespace KSail.Core.Tests.Kubeconfig;

/// <summary>
/// The user's kubeconfig changed as kind changes it, read back as text and as YAML nodes (never
/// through KubernetesClient's typed model, which would hide the fields it drops).
/// </summary>
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
    public void A_nodes_admin_kubeconfig_is_renamed_and_pointed_at_the_host_endpoint_in_kinds_layout_without_added_defaults()
    {
        // The text kind writes (pkg/cluster/internal/kubeconfig/internal/kubeconfig/helpers.go): the node's fields, nothing more.
        Assert.Equal(
            """
            apiVersion: v1
            clusters:
            - cluster:
                certificate-authority-data: Q0E=
                server: https://127.0.0.1:40123
              name: kind-demo
            contexts:
            - context:
                cluster: kind-demo
                user: kind-demo
              name: kind-demo
            current-context: kind-demo
            kind: Config
            preferences: {}
            users:
            - name: kind-demo
              user:
                client-certificate-data: Q0VSVA==
                client-key-data: S0VZ

            """,
            Ours("kind-demo", 40123));

        // KubernetesClient reads it (the engine's own client is built from it).
        var rewritten = k8s.KubernetesYaml.Deserialize<k8s.KubeConfigModels.K8SConfiguration>(
            Ours("kind-demo", 40123));

        var cluster = Assert.Single(rewritten.Clusters);
        Assert.Equal(("kind-demo", "https://127.0.0.1:40123", "Q0E="), (cluster.Name, cluster.ClusterEndpoint.Server, cluster.ClusterEndpoint.CertificateAuthorityData));
        Assert.Equal("kind-demo", Assert.Single(rewritten.Users).Name);
        Assert.Equal("S0VZ", rewritten.Users.Single().UserCredentials.ClientKeyData);
        var context = Assert.Single(rewritten.Contexts);
        Assert.Equal(("kind-demo", "kind-demo", "kind-demo"), (context.Name, context.ContextDetails.Cluster, context.ContextDetails.User));
        Assert.Equal("kind-demo", rewritten.CurrentContext);
    }

    [Fact]
    public async Task Merging_keeps_other_entries_replaces_its_own_and_writes_mode_0600()
    {
        using var dir = new ScratchDirectory();
        var path = dir.Write(".kube/config", Other);
        var ours = Ours("kind-demo", 40123);

        await Kubeconfigs.MergeIntoAsync(path, ours, ct: TestContext.Current.CancellationToken);
        await Kubeconfigs.MergeIntoAsync(path, Ours("kind-demo", 40999), ct: TestContext.Current.CancellationToken);

        var merged = Root(path);
        Assert.Equal(["prod", "kind-demo"], Names(merged, "clusters"));
        Assert.Equal(["prod", "kind-demo"], Names(merged, "users"));
        Assert.Equal(["prod", "kind-demo"], Names(merged, "contexts"));
        Assert.Equal("https://127.0.0.1:40999", Scalar(Entry(merged, "clusters", "kind-demo"), "cluster", "server"));
        Assert.Equal("secret", Scalar(Entry(merged, "users", "prod"), "user", "token"));
        Assert.Equal("kind-demo", Scalar(merged, "current-context"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public async Task Removing_a_context_keeps_the_others()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new ScratchDirectory();
        var path = await MergedAsync(dir.Write("config", Other), ct);

        await Kubeconfigs.RemoveFromAsync(path, ["kind-demo"], ct: ct);

        var left = Root(path);
        Assert.Equal(["prod"], Names(left, "clusters"));
        Assert.Equal(["prod"], Names(left, "contexts"));
        Assert.Equal(string.Empty, Scalar(left, "current-context"));
    }

    [Fact]
    public async Task Removing_two_contexts_is_one_edit_that_keeps_every_other_entry_and_field()
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

        Assert.True(await Kubeconfigs.RemoveFromAsync(path, ["kind-demo", "k3d-demo"], ct: TestContext.Current.CancellationToken));

        var text = File.ReadAllText(path);
        var left = Root(path);
        Assert.Equal(["prod"], Names(left, "clusters"));
        Assert.Equal(["prod"], Names(left, "users"));
        Assert.Equal(["prod"], Names(left, "contexts"));
        Assert.Equal("secret", Scalar(Entry(left, "users", "prod"), "user", "token"));
        Assert.Equal(string.Empty, Scalar(left, "current-context"));
        Assert.Contains("colors: true", text, StringComparison.Ordinal);
        Assert.Contains("note: as written", text, StringComparison.Ordinal);
        Assert.DoesNotContain("...", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_contexts_the_file_does_not_name_leaves_it_untouched()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new ScratchDirectory();
        var path = dir.Write("config", Other);
        var before = File.GetLastWriteTimeUtc(path);

        Assert.False(await Kubeconfigs.RemoveFromAsync(path, ["kind-demo", "k3d-demo"], ct: ct));
        Assert.False(await Kubeconfigs.RemoveFromAsync(Path.Combine(dir.Path, "missing"), ["kind-demo"], ct: ct));

        Assert.Equal(Other, File.ReadAllText(path));
        Assert.Equal(before, File.GetLastWriteTimeUtc(path));
    }

    // A user's file as kubectl, gcloud, aws and az leave it (exec users with interactiveMode, proxy-url, ...).
    private const string Users = UsersKubeconfig.Text;

    [Fact]
    public async Task A_merge_and_a_removal_keep_every_byte_of_the_users_entries_exec_interactiveMode_proxy_url_and_comments_included()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new ScratchDirectory();
        var path = await MergedAsync(dir.Write(".kube/config", Users), ct);

        var merged = File.ReadAllText(path);
        var root = Root(path);
        Assert.Equal(["eks", "gke", "kind-demo"], Names(root, "clusters"));
        Assert.Equal(["eks", "gke", "kind-demo"], Names(root, "users"));
        Assert.Equal(["eks", "gke", "kind-demo"], Names(root, "contexts"));
        Assert.Equal("Never", Scalar(Entry(root, "users", "eks"), "user", "exec", "interactiveMode"));
        Assert.Equal("http://proxy.corp:3128", Scalar(Entry(root, "clusters", "eks"), "cluster", "proxy-url"));
        Assert.Equal("https://127.0.0.1:40123", Scalar(Entry(root, "clusters", "kind-demo"), "cluster", "server"));
        Assert.Equal("kind-demo", Scalar(root, "current-context"));

        // Everything of the user's is there as written; only current-context changed and the new
        // entries were appended at the indentation the file uses.
        var expected = Users.Replace("current-context: eks", "current-context: kind-demo", StringComparison.Ordinal);
        Assert.Equal(expected, Without(merged, "kind-demo", "  "));

        Assert.True(await Kubeconfigs.RemoveFromAsync(path, ["kind-demo", "k3d-demo"], ct: ct));

        Assert.Equal(Users.Replace("current-context: eks", "current-context: \"\"", StringComparison.Ordinal), File.ReadAllText(path));
    }

    [Fact]
    public async Task Merging_again_replaces_the_entry_where_it_is_and_keeps_the_context_when_asked()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new ScratchDirectory();
        var path = await MergedAsync(dir.Write("config", Users.Replace("current-context: eks", "current-context: kind-demo", StringComparison.Ordinal)), ct);
        var lines = File.ReadAllLines(path).Length;

        await Kubeconfigs.MergeIntoAsync(path, Ours("kind-demo", 40999), switchContext: false, ct: ct);
        await Kubeconfigs.MergeIntoAsync(path, Ours("k3d-demo", 41000), switchContext: false, ct: ct);

        var root = Root(path);
        Assert.Equal(["eks", "gke", "kind-demo", "k3d-demo"], Names(root, "clusters"));
        Assert.Equal("https://127.0.0.1:40999", Scalar(Entry(root, "clusters", "kind-demo"), "cluster", "server"));
        Assert.Equal("kind-demo", Scalar(root, "current-context"));
        Assert.DoesNotContain("40123", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(Users.Replace("current-context: eks", "current-context: kind-demo", StringComparison.Ordinal), Without(Without(File.ReadAllText(path), "kind-demo", "  "), "k3d-demo", "  "));
        Assert.True(File.ReadAllLines(path).Length > lines);
    }

    [Fact]
    public async Task A_file_in_kubectls_layout_gets_new_entries_in_that_layout_and_a_missing_or_comments_only_file_is_the_clusters_kubeconfig()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new ScratchDirectory();
        var path = dir.Write("config", Other);
        var ours = Ours("kind-demo", 40123);

        await Kubeconfigs.MergeIntoAsync(path, ours, ct: ct);
        var missing = Path.Combine(dir.Path, "new", "config");
        await Kubeconfigs.MergeIntoAsync(missing, ours, ct: ct);
        var commentsOnly = dir.Write("comments", "# nothing yet\n\n");
        await Kubeconfigs.MergeIntoAsync(commentsOnly, ours, ct: ct);

        Assert.Equal(Other.Replace("current-context: prod", "current-context: kind-demo", StringComparison.Ordinal), Without(File.ReadAllText(path), "kind-demo", string.Empty));
        Assert.Equal(ours, File.ReadAllText(missing));
        Assert.Equal("# nothing yet\n" + ours, File.ReadAllText(commentsOnly));
    }

    [Fact]
    public async Task Merges_started_together_all_end_up_in_the_file_under_the_lock_client_go_takes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new ScratchDirectory();
        var path = dir.Write("config", Users);
        var names = Enumerable.Range(0, 12).Select(i => $"kind-parallel-{i}").ToList();

        await Task.WhenAll(names.Select((name, i) => Task.Run(
            () => Kubeconfigs.MergeIntoAsync(path, Ours(name, 40000 + i), ct: ct), ct)));

        var root = Root(path);
        Assert.Equal((string[])["eks", "gke", .. names.Order(StringComparer.Ordinal)], Names(root, "clusters").Order(StringComparer.Ordinal));
        Assert.Equal((string[])["eks", "gke", .. names.Order(StringComparer.Ordinal)], Names(root, "users").Order(StringComparer.Ordinal));
        Assert.Equal((string[])["eks", "gke", .. names.Order(StringComparer.Ordinal)], Names(root, "contexts").Order(StringComparer.Ordinal));
        Assert.False(File.Exists(path + ".lock"));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public async Task Kubectl_in_another_process_and_ksail_writing_the_file_at_once_both_keep_their_entries_and_kubectl_reads_the_result()
    {
        // kubectl takes the same <file>.lock (client-go tools/clientcmd/loader.go) but gives up at once
        // when it is held; the script tries each of its changes again until kubectl gets the lock.
        var ct = TestContext.Current.CancellationToken;
        if (!(Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, "kubectl"))))
        {
            Assert.SkipWhen(!KSail.Testing.TestBed.DockerAvailability.IsCi, "kubectl is not installed");
        }

        using var dir = new ScratchDirectory();
        var path = dir.Write("config", Users);
        var script = dir.Write("kubectl-writes.sh", """
            set -u
            for i in 0 1 2 3 4 5 6 7 8 9; do
              tries=0
              until out=$(kubectl config set-context "kubectl-$i" --cluster=eks --user=eks --kubeconfig "$1" 2>&1); do
                tries=$((tries + 1))
                if [ "$tries" -gt 400 ]; then echo "kubectl-$i: $out" >&2; exit 1; fi
              done
            done
            """);
        using var kubectl = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sh", [script, path]) { RedirectStandardError = true })!;
        var ours = Enumerable.Range(0, 10).Select(i => $"kind-mixed-{i}").ToList();
        foreach (var name in ours)
        {
            await Kubeconfigs.MergeIntoAsync(path, Ours(name, 40123), ct: ct);
        }

        var errors = await kubectl.StandardError.ReadToEndAsync(ct);
        await kubectl.WaitForExitAsync(ct);
        Assert.True(kubectl.ExitCode == 0, errors);

        var contexts = Names(Root(path), "contexts");
        Assert.All(ours.Concat(Enumerable.Range(0, 10).Select(i => $"kubectl-{i}")), name => Assert.Contains(name, contexts));
        Assert.Equal("Never", Scalar(Entry(Root(path), "users", "eks"), "user", "exec", "interactiveMode"));
        using var view = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("kubectl", ["config", "get-contexts", "-o", "name", "--kubeconfig", path]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var listed = await view.StandardOutput.ReadToEndAsync(ct);
        await view.WaitForExitAsync(ct);
        Assert.Equal(0, view.ExitCode);
        Assert.Equal(contexts.Order(StringComparer.Ordinal), listed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_lock_another_writer_holds_is_waited_for_and_one_that_stays_is_named_and_nothing_is_written()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new ScratchDirectory();
        var path = dir.Write("config", Users);
        var ours = Ours("kind-demo", 40123);
        var lockFile = dir.Write("config.lock", string.Empty);

        var error = await Assert.ThrowsAsync<ProvisioningException>(
            () => Kubeconfigs.MergeIntoAsync(path, ours, switchContext: true, TimeProvider.System, TimeSpan.FromMilliseconds(300), ct));
        Assert.Contains(lockFile, error.Message, StringComparison.Ordinal);
        Assert.Contains("delete " + lockFile, error.Message, StringComparison.Ordinal);
        Assert.Equal(Users, File.ReadAllText(path));
        Assert.True(File.Exists(lockFile)); // another writer's lock is never taken away

        var waiting = Kubeconfigs.MergeIntoAsync(path, ours, ct: ct);
        File.Delete(lockFile);
        await waiting;
        Assert.Contains("kind-demo", Names(Root(path), "contexts"));
        Assert.False(File.Exists(lockFile));
    }

    [Fact]
    public async Task A_symbolic_link_to_the_kubeconfig_stays_a_link_and_the_file_it_names_is_written_with_mode_0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // symbolic links need privileges there
        }

        var ct = TestContext.Current.CancellationToken;
        using var dir = new ScratchDirectory();
        var target = dir.Write("dotfiles/kubeconfig", Users);
        var link = Path.Combine(dir.Path, ".kube", "config");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, target);

        await Kubeconfigs.MergeIntoAsync(link, Ours("kind-demo", 40123), ct: ct);

        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Contains("kind-demo", Names(Root(target), "clusters"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));
    }

    [Fact]
    public void With_several_files_in_KUBECONFIG_the_first_that_exists_is_written_else_the_last_as_kind_and_kubectl_do()
    {
        // kind pkg/cluster/internal/kubeconfig/internal/kubeconfig/paths.go (paths, pathForMerge).
        using var dir = new ScratchDirectory();
        var (a, b, c) = (Path.Combine(dir.Path, "a"), Path.Combine(dir.Path, "b"), Path.Combine(dir.Path, "c"));
        var variable = string.Join(Path.PathSeparator, a, string.Empty, b, a, c);

        Assert.Equal([a, b, c], Kubeconfigs.Paths(variable, "/home/u", dir.Path));
        Assert.Equal(c, Kubeconfigs.PathForMerge(variable, "/home/u", dir.Path));
        dir.Write("b", Other);
        Assert.Equal(b, Kubeconfigs.PathForMerge(variable, "/home/u", dir.Path));
        Assert.Equal(Path.Combine(dir.Path, "only"), Kubeconfigs.PathForMerge("only", "/home/u", dir.Path));
        Assert.Equal(Path.Combine("/home/u", ".kube", "config"), Kubeconfigs.PathForMerge(null, "/home/u", dir.Path));
        Assert.Equal(Path.Combine("/home/u", ".kube", "config"), Kubeconfigs.PathForMerge(string.Empty, "/home/u", dir.Path));
    }

    [Theory]
    [InlineData("# kept\napiVersion: v1\nkind: Config\nclusters: []\ncontexts:\nusers: null\ncurrent-context:\npreferences: {}\n")]
    [InlineData("# kept\npreferences: {}\n")]
    [InlineData("apiVersion: v1\nkind: Config\nusers:\n- name: prod\n  user:\n    token: |\n      abc\n\n# kept, after a block scalar\ncontexts: []\n")]
    [InlineData("# kept\r\napiVersion: v1\r\nkind: Config\r\nclusters:\r\n- cluster:\r\n    server: https://prod.example:6443\r\n  name: prod\r\ncurrent-context: prod\r\n")]
    public async Task Files_with_empty_missing_or_null_sections_block_scalars_and_CRLF_line_ends_take_the_entries_and_give_them_back_with_their_comments(string original)
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new ScratchDirectory();
        var path = await MergedAsync(dir.Write("config", original), ct);
        var merged = File.ReadAllText(path);
        var root = Root(path);
        Assert.Contains("kind-demo", Names(root, "clusters"));
        Assert.Contains("kind-demo", Names(root, "users"));
        Assert.Contains("kind-demo", Names(root, "contexts"));
        Assert.Equal("kind-demo", Scalar(root, "current-context"));
        Assert.Equal("Config", Scalar(root, "kind"));
        Assert.Equal(original.Contains('\r', StringComparison.Ordinal), merged.Contains('\r', StringComparison.Ordinal));
        Assert.Contains("# kept", merged, StringComparison.Ordinal); // spliced into the text, not written anew

        await Kubeconfigs.RemoveFromAsync(path, ["kind-demo"], ct: ct);
        Assert.Contains("# kept", File.ReadAllText(path), StringComparison.Ordinal);
        var left = Root(path);
        Assert.DoesNotContain("kind-demo", Names(left, "clusters").Concat(Names(left, "users")).Concat(Names(left, "contexts")));
        Assert.Equal(string.Empty, Scalar(left, "current-context"));
    }

    [Fact]
    public async Task A_file_the_text_cannot_be_spliced_in_is_written_from_its_nodes_with_every_field_of_the_users_entries()
    {
        // Entries in flow style: the change is made on the node model and written out whole.
        var ct = TestContext.Current.CancellationToken;
        using var dir = new ScratchDirectory();
        var path = dir.Write("config", """
            apiVersion: v1
            kind: Config
            clusters: [{name: eks, cluster: {server: "https://eks.example", proxy-url: "http://proxy:3128", disable-compression: true}}]
            users: [{name: eks, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: aws, interactiveMode: Never}}}]
            contexts: [{name: eks, context: {cluster: eks, user: eks}}]
            current-context: eks
            """);

        await Kubeconfigs.MergeIntoAsync(path, Ours("kind-demo", 40123), ct: ct);
        await Kubeconfigs.RemoveFromAsync(path, ["kind-demo"], ct: ct);
        await Kubeconfigs.MergeIntoAsync(path, Ours("kind-demo", 40124), ct: ct);

        var root = Root(path);
        Assert.Equal(["eks", "kind-demo"], Names(root, "clusters"));
        Assert.Equal("http://proxy:3128", Scalar(Entry(root, "clusters", "eks"), "cluster", "proxy-url"));
        Assert.Equal("true", Scalar(Entry(root, "clusters", "eks"), "cluster", "disable-compression"));
        Assert.Equal("Never", Scalar(Entry(root, "users", "eks"), "user", "exec", "interactiveMode"));
        Assert.Equal("https://127.0.0.1:40124", Scalar(Entry(root, "clusters", "kind-demo"), "cluster", "server"));
        Assert.Equal("kind-demo", Scalar(root, "current-context"));
    }

    // The user's file at path with the context kind-demo (API on 127.0.0.1:40123) merged into it.
    private static async Task<string> MergedAsync(string path, CancellationToken ct)
    {
        await Kubeconfigs.MergeIntoAsync(path, Ours("kind-demo", 40123), ct: ct);
        return path;
    }

    // The kubeconfig of a cluster as the engine exports it: context name, API on 127.0.0.1:port.
    private static string Ours(string context, int port) => Kubeconfigs.Rewrite(Admin, context, new Uri($"https://127.0.0.1:{port}"));

    [Fact]
    public async Task Entries_appended_to_the_last_section_of_a_file_without_a_final_line_break_stay_in_it_and_leave_no_trace()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new ScratchDirectory();
        const string original = "apiVersion: v1\nkind: Config # by hand\nusers:\n- name: prod\n  user:\n    token: x";
        var path = await MergedAsync(dir.Write("config", original), ct);

        // The user in the last section, then the new sections.
        Assert.StartsWith(
            original + "\n- name: kind-demo\n  user:\n    client-certificate-data: Q0VSVA==\n    client-key-data: S0VZ\nclusters:\n- cluster:\n",
            File.ReadAllText(path),
            StringComparison.Ordinal);
        var root = Root(path);
        Assert.Equal(["prod", "kind-demo"], Names(root, "users"));
        Assert.Equal(["kind-demo"], Names(root, "clusters"));
        Assert.Equal(["kind-demo"], Names(root, "contexts"));
        Assert.Equal("kind-demo", Scalar(root, "current-context"));

        await Kubeconfigs.RemoveFromAsync(path, ["kind-demo"], ct: ct);

        Assert.Equal(original + "\nclusters: []\ncontexts: []\ncurrent-context: \"\"", File.ReadAllText(path));
    }

    private static YamlMappingNode Root(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static List<string?> Names(YamlMappingNode root, string section) =>
        root.Children.TryGetValue(new YamlScalarNode(section), out var entries) && entries is YamlSequenceNode sequence
            ? [.. sequence.Children.Select(e => ((YamlScalarNode)((YamlMappingNode)e)[new YamlScalarNode("name")]).Value)]
            : [];

    private static YamlMappingNode Entry(YamlMappingNode root, string section, string name) =>
        (YamlMappingNode)((YamlSequenceNode)root[new YamlScalarNode(section)]).Children.Single(e => ((YamlScalarNode)((YamlMappingNode)e)[new YamlScalarNode("name")]).Value == name);

    private static string? Scalar(YamlMappingNode node, params string[] keys)
    {
        YamlNode current = node;
        foreach (var key in keys)
        {
            current = ((YamlMappingNode)current)[new YamlScalarNode(key)];
        }

        return ((YamlScalarNode)current).Value;
    }

    // The text without the entries (one "- " item each) named name, written at indent.
    private static string Without(string text, string name, string indent)
    {
        var lines = text.Split('\n').ToList();
        var kept = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].StartsWith(indent + "- ", StringComparison.Ordinal))
            {
                var end = i + 1;
                while (end < lines.Count && lines[end].StartsWith(indent + "  ", StringComparison.Ordinal))
                {
                    end++;
                }

                var item = lines.GetRange(i, end - i);
                if (item.Any(l => l.TrimStart('-', ' ') == "name: " + name))
                {
                    i = end - 1;
                    continue;
                }
            }

            kept.Add(lines[i]);
        }

        return string.Join('\n', kept);
    }
}
