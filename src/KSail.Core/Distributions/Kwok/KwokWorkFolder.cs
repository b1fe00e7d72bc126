using System.Globalization;
using System.Text;
using System.Text.Json;
using KSail.Core.Providers.Docker;

namespace KSail.Core.Distributions.Kwok;

/// <summary>The host kubeconfig written into the work folder (it carries the admin key: never log it).</summary>
/// <param name="HostKubeconfig">kubeconfig.yaml's content.</param>
internal sealed record KwokWorkFiles(string HostKubeconfig);

/// <summary>
/// kwokctl's work folder of a cluster (kwok v0.8.0 <c>pkg/kwokctl/runtime/cluster.go</c> names,
/// <c>runtime/compose/cluster_setup.go</c>): <c>pki/</c> (ca.crt, ca.key, admin.crt, admin.key),
/// <c>kubeconfig.yaml</c> (the host's: <c>https://127.0.0.1:&lt;port&gt;</c>), <c>kubeconfig</c> (the
/// containers': <c>https://kwok-&lt;name&gt;-kube-apiserver:6443</c>), <c>kwok.yaml</c> (kwokctl's
/// configuration with the docker runtime, the images and the port, then the Stages), <c>etcd/</c>.
/// The kubeconfigs carry the certificates inline, where kwokctl names the pki files: the same
/// credentials, readable wherever the file is copied.
/// </summary>
internal static class KwokWorkFolder
{
    /// <summary>Writes the folder of cluster <paramref name="name"/> into <paramref name="folder"/>.</summary>
    public static KwokWorkFiles Write(string folder, string name, KwokctlConfiguration config, int port, IReadOnlyList<ContainerSpec> components, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(config);
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(Path.Combine(folder, "etcd"));
        var pki = KwokPki.Generate(name, config.Options?.KubeApiserverCertSANs, now);
        pki.WriteTo(Path.Combine(folder, "pki"));
        var host = Kubeconfig(name, $"https://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", pki);
        WriteSecret(Path.Combine(folder, "kubeconfig.yaml"), host);
        WriteSecret(Path.Combine(folder, "kubeconfig"), Kubeconfig(name, $"https://{KwokNames.Container(name, KwokNames.KubeApiserver)}:{KwokNames.ApiPort.ToString(CultureInfo.InvariantCulture)}", pki));
        File.WriteAllText(Path.Combine(folder, "kwok.yaml"), KwokYaml(name, config, port, components));
        return new KwokWorkFiles(host);
    }

    /// <summary>Removes the folder, if it exists.</summary>
    public static void Delete(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A kubeconfig for the admin of cluster <paramref name="name"/> at <paramref name="server"/>, context <c>kwok-&lt;name&gt;</c> as kwokctl names it.</summary>
    public static string Kubeconfig(string name, string server, KwokPki pki)
    {
        ArgumentNullException.ThrowIfNull(pki);
        static string Base64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem + "\n"));
        var project = KwokNames.Project(name);
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {project}
              cluster:
                server: {server}
                certificate-authority-data: {Base64(pki.CaCertificate)}
            users:
            - name: {project}
              user:
                client-certificate-data: {Base64(pki.AdminCertificate)}
                client-key-data: {Base64(pki.AdminKey)}
            contexts:
            - name: {project}
              context:
                cluster: {project}
                user: {project}
            current-context: {project}

            """;
    }

    /// <summary>
    /// The kwok.yaml kwokctl keeps and mounts into the kwok controller: its configuration with what
    /// this cluster runs (docker runtime, the five images, the API port), the components as kwokctl
    /// records them (so <c>kwokctl stop/start/delete cluster</c> find the containers) and the version
    /// kwokctl compares with its own, then the user's later documents as written.
    /// </summary>
    public static string KwokYaml(string name, KwokctlConfiguration config, int port, IReadOnlyList<ContainerSpec> components)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(components);
        var images = KwokImages.Of(config);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            apiVersion: {KwokctlConfiguration.ApiVersionV1Alpha1}
            kind: {KwokctlConfiguration.KindName}
            metadata:
              name: {name}
            options:
              runtime: docker
              securePort: true
              kubeApiserverPort: {port}
              etcdImage: {images[KwokNames.Etcd]}
              kubeApiserverImage: {images[KwokNames.KubeApiserver]}
              kubeControllerManagerImage: {images[KwokNames.KubeControllerManager]}
              kubeSchedulerImage: {images[KwokNames.KubeScheduler]}
              kwokControllerImage: {images[KwokNames.KwokController]}
            components:

            """);
        foreach (var spec in components)
        {
            var component = spec.Labels[KwokNames.ComponentLabel];
            text.Append(CultureInfo.InvariantCulture, $"- name: {component}\n  image: {Quoted(spec.Image)}\n");
            AppendList(text, "links", component switch { KwokNames.Etcd => [], KwokNames.KubeApiserver => [KwokNames.Etcd], _ => [KwokNames.KubeApiserver] });
            AppendList(text, "command", spec.Entrypoint ?? []);
            AppendList(text, "args", spec.Command ?? []);
            if (spec.Ports.Count > 0)
            {
                text.Append("  ports:\n");
                foreach (var published in spec.Ports)
                {
                    text.Append(CultureInfo.InvariantCulture, $"  - port: {published.ContainerPort}\n    hostPort: {published.HostPort}\n    protocol: TCP\n");
                }
            }

            if (spec.Mounts.Count > 0)
            {
                text.Append("  volumes:\n");
                foreach (var mount in spec.Mounts)
                {
                    text.Append(CultureInfo.InvariantCulture, $"  - hostPath: {Quoted(mount.Source)}\n    mountPath: {Quoted(mount.Target)}\n    readOnly: {(mount.ReadOnly ? "true" : "false")}\n");
                }
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"status:\n  version: {KwokctlVersion}\n");
        foreach (var document in config.Documents)
        {
            text.Append("---\n").Append(WithoutDocumentEnd(document.Text ?? string.Empty));
        }

        return text.ToString();
    }

    /// <summary>The kwokctl version whose layout the work folder follows (kwokctl warns when another wrote it).</summary>
    public const string KwokctlVersion = "0.8.0";

    // A JSON string is a YAML double-quoted scalar: paths with spaces and args with ': ' stay one value.
    private static string Quoted(string value) => JsonSerializer.Serialize(value);

    private static void AppendList(StringBuilder text, string field, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        text.Append(CultureInfo.InvariantCulture, $"  {field}:\n");
        foreach (var item in items)
        {
            text.Append(CultureInfo.InvariantCulture, $"  - {Quoted(item)}\n");
        }
    }

    // YamlStream writes a document end marker ('...') after each document; the '---' between documents is enough.
    private static string WithoutDocumentEnd(string yaml)
    {
        var lines = yaml.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').ToList();
        if (lines.Count > 0 && lines[^1] == "...")
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return string.Join('\n', lines) + "\n";
    }

    private static void WriteSecret(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
