using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KSail.Core.Components;

namespace KSail.Core.Distributions.Vanilla;

/// <summary>
/// The node image's default CNI manifest (<c>/kind/manifests/default-cni.yaml</c>) made ready to
/// install as kind's installcni action makes it (kind <c>create/actions/installcni/cni.go</c>;
/// FIDELITY K37): a manifest that says "would you kindly template this file" is a Go template of
/// <c>.PodSubnet</c>; one that says "would you kindly patch this file" gets
/// <c>CONTROL_PLANE_ENDPOINT</c> in its DaemonSet's first container, so kindnet reaches the API
/// without waiting for kube-proxy.
/// </summary>
internal static partial class KindCniManifest
{
    private const string TemplateMarker = "would you kindly template this file";
    private const string PatchMarker = "would you kindly patch this file";
    private const string Source = "the node image's default CNI manifest (/kind/manifests/default-cni.yaml)";

    private static readonly JsonSerializerOptions Output = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The manifest to install.</summary>
    /// <param name="manifest">The manifest the node image carries.</param>
    /// <param name="podSubnet">The cluster's Pod subnet (the template's <c>.PodSubnet</c>).</param>
    /// <param name="controlPlaneEndpoint"><c>host:port</c> of the API inside the cluster's network (the load balancer, else the bootstrap control plane).</param>
    /// <exception cref="FormatException">The template uses something other than <c>.PodSubnet</c>, or the manifest is not YAML (the messages name the file).</exception>
    public static string Prepare(string manifest, string podSubnet, string controlPlaneEndpoint)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Contains(TemplateMarker, StringComparison.Ordinal))
        {
            manifest = Template(manifest, podSubnet);
        }

        return manifest.Contains(PatchMarker, StringComparison.Ordinal) ? Patch(manifest, controlPlaneEndpoint) : manifest;
    }

    // A Go template whose only data is PodSubnet (what kind executes it with): {{ .PodSubnet }},
    // with Go's trim markers ({{- and -}}) trimming the white space beside them.
    private static string Template(string manifest, string podSubnet)
    {
        var sb = new StringBuilder();
        var at = 0;
        foreach (Match action in TemplateAction().Matches(manifest))
        {
            var before = manifest[at..action.Index];
            sb.Append(action.Groups["trimLeft"].Success ? before.TrimEnd() : before);
            var body = action.Groups["body"].Value;
            if (body != ".PodSubnet")
            {
                throw new FormatException($"{Source} is a template of {{{{ {body} }}}}, but kind fills in only {{{{ .PodSubnet }}}}; fix the manifest, or set networking.disableDefaultCNI: true in kind.yaml and install a CNI of your own");
            }

            sb.Append(podSubnet);
            at = action.Index + action.Length;
            if (action.Groups["trimRight"].Success)
            {
                while (at < manifest.Length && char.IsWhiteSpace(manifest[at]))
                {
                    at++;
                }
            }
        }

        return sb.Append(manifest[at..]).ToString();
    }

    // kind's JSON 6902 patch on each apps/v1 DaemonSet: add the endpoint to the first container's env.
    private static string Patch(string manifest, string controlPlaneEndpoint)
    {
        var operations = new JsonArray(new JsonObject
        {
            ["op"] = "add",
            ["path"] = "/spec/template/spec/containers/0/env/-",
            ["value"] = new JsonObject { ["name"] = "CONTROL_PLANE_ENDPOINT", ["value"] = controlPlaneEndpoint },
        });
        var items = Manifests.Read(manifest, Source)
            .Select(o => Manifests.Kind(o) == "DaemonSet" && Manifests.ApiVersion(o) == "apps/v1" ? JsonPatch.Apply(o, (JsonArray)operations.DeepClone()) : o);

        // One v1 List (JSON, so YAML too): kubectl reads a stream that starts with '{' as JSON only, so no '---' between objects.
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray([.. items]) }.ToJsonString(Output) + "\n";
    }

    [GeneratedRegex(@"\{\{(?<trimLeft>-\s)?\s*(?<body>.*?)\s*(?<trimRight>\s-)?\}\}", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex TemplateAction();
}
