using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KSail.Testing.TestBed;

/// <summary>Creates CRDs from a file (the real upstream CRDs) and waits until the API server serves them.</summary>
public static class CustomResourceDefinitions
{
    /// <summary>Creates every CRD in <paramref name="path"/> that does not exist yet, and waits until each is Established.</summary>
    public static async Task ApplyAsync(IKubernetes client, string path, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var text = await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
        foreach (var crd in KubernetesYaml.LoadAllFromString(text).OfType<V1CustomResourceDefinition>())
        {
            try
            {
                await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: ct).ConfigureAwait(false);
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                // Created by another test of this run.
            }

            await Watch.FirstAsync<V1CustomResourceDefinition, V1CustomResourceDefinitionList>(
                client.ApiextensionsV1.ListCustomResourceDefinitionWithHttpMessagesAsync(fieldSelector: $"metadata.name={crd.Metadata.Name}", watch: true, cancellationToken: ct),
                c => c.Status?.Conditions?.Any(cond => cond.Type == "Established" && cond.Status == "True") == true,
                TimeSpan.FromSeconds(30),
                ct).ConfigureAwait(false);
        }
    }
}
