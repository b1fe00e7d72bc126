using System.Globalization;
using System.Text;

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
    public static KwokWorkFiles Write(string folder, string name, KwokctlConfiguration config, int port, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(config);
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(Path.Combine(folder, "etcd"));
        var pki = KwokPki.Generate(name, config.Options?.KubeApiserverCertSANs, now);
        pki.WriteTo(Path.Combine(folder, "pki"));
        var host = Kubeconfig(name, $"https://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", pki);
        WriteSecret(Path.Combine(folder, "kubeconfig.yaml"), host);
        WriteSecret(Path.Combine(folder, "kubeconfig"), Kubeconfig(name, $"https://{KwokNames.Container(name, KwokNames.KubeApiserver)}:{KwokNames.ApiPort.ToString(CultureInfo.InvariantCulture)}", pki));
        File.WriteAllText(Path.Combine(folder, "kwok.yaml"), KwokYaml(name, config, port));
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
    /// this cluster runs (docker runtime, the five images, the API port), then the user's later documents as written.
    /// </summary>
    public static string KwokYaml(string name, KwokctlConfiguration config, int port)
    {
        ArgumentNullException.ThrowIfNull(config);
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

            """);
        foreach (var document in config.Documents)
        {
            text.Append("---\n").Append(document.Text?.TrimEnd('\n', '.', ' ').TrimEnd('\n')).Append('\n');
        }

        return text.ToString();
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
