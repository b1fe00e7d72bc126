using KSail.Core.Configuration;
using KSail.Core.Configuration.Model;
using KSail.Testing;
using KSail.Core.Lifecycle;

namespace KSail.Nuke.Tests;

/// <summary>The settings as a NUKE build uses them: immutable, and mapped onto ksail.yaml like the CLI's options. No cluster needed.</summary>
public sealed class KSailClusterSettingsTests
{
    [Fact]
    public void Set_and_Reset_return_a_changed_copy_and_leave_the_settings_they_were_called_on_as_they_were()
    {
        var common = new KSailClusterSettings().SetConfigPath("ksail.yaml");

        var two = common.SetWorkers(2);
        var reset = two.ResetWorkers();
        var flagged = two.EnableKeepOnFailure().SetIfExists(ExistingClusterPolicy.Reuse).SetField("spec.workload.sourceDirectory", "k8s");
        var unflagged = flagged.ToggleKeepOnFailure().ResetIfExists().ResetField("spec.workload.sourceDirectory");

        Assert.Null(common.Workers);
        Assert.Equal("ksail.yaml", common.ConfigPath);
        Assert.Equal(2, two.Workers);
        Assert.Null(reset.Workers);
        Assert.Equal("ksail.yaml", reset.ConfigPath);
        Assert.False(two.KeepOnFailure);
        Assert.Empty(two.Fields);
        Assert.True(flagged.KeepOnFailure);
        Assert.Equal(ExistingClusterPolicy.Reuse, flagged.IfExists);
        Assert.Equal("k8s", flagged.Fields["spec.workload.sourceDirectory"]);
        Assert.False(unflagged.KeepOnFailure);
        Assert.Equal(ExistingClusterPolicy.Refuse, unflagged.IfExists);
        Assert.Empty(unflagged.Fields);
        Assert.Equal(2, unflagged.Workers);
        Assert.NotSame(common, two);
        Assert.Equal(common, two.ResetWorkers());
    }

    [Fact]
    public void Mirrors_the_local_registry_and_delete_storage_map_onto_the_request_as_the_CLIs_options_do()
    {
        var common = new KSailClusterSettings().SetConfigPath("ksail.yaml");

        var registries = common.SetLocalRegistry("localhost:5050").AddMirrorRegistry("docker.io").AddMirrorRegistry("me:${GHCR_TOKEN}@ghcr.io").EnableDeleteStorage();
        var request = registries.ToRequest();

        Assert.Equal(["docker.io", "me:${GHCR_TOKEN}@ghcr.io"], request.MirrorRegistries);
        Assert.True(request.DeleteStorage);
        Assert.Contains(request.Overrides, o => o.Path == ClusterFields.LocalRegistry && o.Value == "localhost:5050");
        Assert.Empty(common.MirrorRegistries);
        Assert.False(common.DeleteStorage);
        Assert.Empty(registries.ResetMirrorRegistries().ResetDeleteStorage().ToRequest().MirrorRegistries);
    }

    [Fact]
    public void The_workload_settings_map_onto_push_and_reconcile_options_as_the_CLIs_options_do()
    {
        var common = new KSailClusterSettings().SetWorkingDirectory("/repo");

        var workload = common.SetWorkloadReference("oci://localhost:5050/app:v1").SetWorkloadPath("deploy").SetWorkloadRegistry("me:${TOKEN}@ghcr.io/me").SetReconcileTimeout(TimeSpan.FromMinutes(2));
        var reconcile = workload.ToReconcileOptions();

        Assert.Equal(new KSail.Core.Workloads.WorkloadPushOptions("oci://localhost:5050/app:v1", Path.GetFullPath("/repo/deploy"), "me:${TOKEN}@ghcr.io/me"), reconcile.Push);
        Assert.Equal(TimeSpan.FromMinutes(2), reconcile.Timeout);
        Assert.Equal(new KSail.Core.Workloads.WorkloadPushOptions(), common.ToPushOptions());
        Assert.Equal(new KSail.Core.Workloads.WorkloadReconcileOptions(new KSail.Core.Workloads.WorkloadPushOptions()), workload.ResetWorkloadReference().ResetWorkloadPath().ResetWorkloadRegistry().ResetReconcileTimeout().ToReconcileOptions());
        Assert.Empty(workload.ToRequest().Overrides);
    }

    [Fact]
    public void Images_are_set_added_and_cleared_on_copies_and_reach_the_engines_request()
    {
        var none = new KSailClusterSettings();

        var one = none.SetImages("app:dev");
        var two = one.AddImages("worker:dev");
        var cleared = two.ClearImages();

        Assert.Empty(none.Images);
        Assert.Equal(["app:dev"], one.Images);
        Assert.Equal(["app:dev", "worker:dev"], two.Images);
        Assert.Empty(cleared.Images);
        Assert.Equal(["app:dev", "worker:dev"], two.ToRequest().Images);
    }

    [Fact]
    public void The_environment_is_copied_not_shared()
    {
        var given = new Dictionary<string, string?>(StringComparer.Ordinal) { ["KSAIL_METADATA_NAME"] = "a" };
        var settings = new KSailClusterSettings().SetEnvironment(given);
        var more = settings.SetEnvironmentVariable("KSAIL_SPEC_CLUSTER_CNI", "Default");

        given["KSAIL_METADATA_NAME"] = "changed";

        Assert.Equal("a", settings.Environment!["KSAIL_METADATA_NAME"]);
        Assert.False(settings.Environment.ContainsKey("KSAIL_SPEC_CLUSTER_CNI"));
        Assert.Equal("Default", more.Environment!["KSAIL_SPEC_CLUSTER_CNI"]);
        Assert.Null(more.ResetEnvironment().Environment);
    }

    [Fact]
    public void Named_settings_set_the_ksail_yaml_paths_of_the_CLI_options_named_by_their_setters()
    {
        var settings = new KSailClusterSettings()
            .SetField("spec.workload.sourceDirectory", "k8s")
            .SetName("ci")
            .SetDistribution(Distribution.K3s)
            .SetDistributionConfig("k3d.yaml")
            .SetProvider(Provider.Docker)
            .SetControlPlanes(1)
            .SetWorkers(2)
            .SetCni(Cni.Default)
            .SetCsi(Toggle.Enabled)
            .SetMetricsServer(Toggle.Disabled)
            .SetLoadBalancer(Toggle.Default)
            .SetCertManager(EnabledDisabled.Disabled)
            .SetPolicyEngine(PolicyEngine.None)
            .SetGitOpsEngine(GitOpsEngine.Flux)
            .SetKubeconfig("kubeconfig")
            .SetTimeout(TimeSpan.FromSeconds(90))
            .SetTeardown(TeardownPolicy.OnSuccess);

        var overrides = settings.ToRequest().Overrides.Select(o => $"{o.Path}={o.Value} ({o.Origin})");

        Assert.Equal(
        [
            "spec.workload.sourceDirectory=k8s (argument SetField(spec.workload.sourceDirectory))",
            "metadata.name=ci (argument SetName)",
            "spec.cluster.distribution=K3s (argument SetDistribution)",
            "spec.cluster.distributionConfig=k3d.yaml (argument SetDistributionConfig)",
            "spec.cluster.provider=Docker (argument SetProvider)",
            "spec.cluster.controlPlanes=1 (argument SetControlPlanes)",
            "spec.cluster.workers=2 (argument SetWorkers)",
            "spec.cluster.cni=Default (argument SetCni)",
            "spec.cluster.csi=Enabled (argument SetCsi)",
            "spec.cluster.metricsServer=Disabled (argument SetMetricsServer)",
            "spec.cluster.loadBalancer=Default (argument SetLoadBalancer)",
            "spec.cluster.certManager=Disabled (argument SetCertManager)",
            "spec.cluster.policyEngine=None (argument SetPolicyEngine)",
            "spec.cluster.gitOpsEngine=Flux (argument SetGitOpsEngine)",
            "spec.cluster.connection.kubeconfig=kubeconfig (argument SetKubeconfig)",
            "spec.cluster.connection.timeout=90s (argument SetTimeout)",
            "spec.cluster.teardown=OnSuccess (argument SetTeardown)",
        ], overrides);
        Assert.Empty(new KSailClusterSettings().ToRequest().Overrides);
    }

    [Fact]
    public void Every_field_of_the_field_table_has_a_setting_a_Set_and_a_Reset_which_set_its_path()
    {
        foreach (var field in ClusterFields.All)
        {
            var property = typeof(KSailClusterSettings).GetProperty(field.Name);
            Assert.True(property is not null, $"KSailClusterSettings has no {field.Name} for {field.Path}");
            var set = Extension($"Set{field.Name}", 2, m => m.GetParameters()[1].ParameterType != typeof(TimeSpan));
            var reset = Extension($"Reset{field.Name}", 1, _ => true);
            object value = field.Kind switch
            {
                ClusterFieldKind.Number => 3,
                ClusterFieldKind.Choice => Enum.GetValues(field.Choices!).GetValue(0)!,
                ClusterFieldKind.Duration => "2m",
                _ => "some-value",
            };

            var settings = (KSailClusterSettings)set.Invoke(null, [new KSailClusterSettings(), value])!;
            var unset = (KSailClusterSettings)reset.Invoke(null, [settings])!;

            var written = Assert.Single(settings.ToRequest().Overrides);
            Assert.Equal(field.Path, written.Path);
            Assert.Equal(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), written.Value);
            Assert.Equal($"argument Set{field.Name}", written.Origin.ToString());
            Assert.Null(property.GetValue(unset));
            Assert.Empty(unset.ToRequest().Overrides);
        }

        static System.Reflection.MethodInfo Extension(string name, int parameters, Func<System.Reflection.MethodInfo, bool> which)
        {
            var method = typeof(KSailClusterSettingsExtensions).GetMethods().SingleOrDefault(m => m.Name == name && m.GetParameters().Length == parameters && which(m));
            Assert.True(method is not null, $"KSailClusterSettingsExtensions has no {name}");
            return method;
        }
    }

    [Fact]
    public void Settings_win_over_KSAIL_variables_which_win_over_ksail_yaml()
    {
        using var dir = new ScratchDirectory();
        dir.Write("k3d.yaml", "apiVersion: k3d.io/v1alpha5\nkind: Simple\nservers: 1\n");
        dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: from-file\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n    connection:\n      timeout: 5m\n");
        var fromFile = new KSailClusterSettings().SetWorkingDirectory(dir.Path).SetEnvironment(new Dictionary<string, string?>());
        var fromEnvironment = fromFile.SetEnvironmentVariable("KSAIL_METADATA_NAME", "from-env");

        var file = fromFile.ToRequest().Load();
        var environment = fromEnvironment.ToRequest().Load();
        var set = fromEnvironment.SetName("from-settings").SetTimeout("7m").SetKubeconfig("out/kubeconfig").ToRequest().Load();

        Assert.Equal("from-file", file.Name);
        Assert.Equal(TimeSpan.FromMinutes(5), file.OperationTimeout);
        Assert.Equal("from-env", environment.Name);
        Assert.Equal("from-settings", set.Name);
        Assert.Equal(TimeSpan.FromMinutes(7), set.OperationTimeout);
        Assert.Equal(Path.Combine(dir.Path, "out", "kubeconfig"), set.KubeconfigPath);
        Assert.Equal(Path.Combine(dir.Path, "ksail.yaml"), set.ConfigFile);
    }

    [Fact]
    public void A_bad_value_from_a_setter_is_reported_naming_the_setter()
    {
        using var dir = new ScratchDirectory();
        dir.Write("ksail.yaml", "apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: bad-setting\nspec:\n  cluster:\n    distribution: Vanilla\n");
        var settings = new KSailClusterSettings().SetWorkingDirectory(dir.Path).SetEnvironment(new Dictionary<string, string?>());

        var error = Assert.Throws<ConfigurationException>(() => settings.SetField("spec.cluster.distribution", "Nope").ToRequest().Load());

        Assert.Contains("SetField(spec.cluster.distribution)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nope", error.Message, StringComparison.Ordinal);
    }
}
