using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace KSail.Core.Providers.Docker;

/// <content>Named volumes that outlive their containers (a registry's data).</content>
public sealed partial class DockerProvider
{
    /// <summary>Creates the named volume with <paramref name="labels"/> unless it exists; returns whether it was created now.</summary>
    public async Task<bool> EnsureVolumeAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        try
        {
            await Client.Volumes.InspectAsync(name, ct).ConfigureAwait(false);
            return false;
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
        }

        // Not cancelled half-way (as a container's create): the volume exists, and the caller knows it made it, before
        // the run's clean-up looks for it; the next step sees the cancellation.
        await Client.Volumes.CreateAsync(new VolumesCreateParameters { Name = name, Labels = labels.ToDictionary() }, CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Removes the named volume unless a container (running or not) still uses it; returns whether it
    /// was removed (false when it does not exist or is in use).
    /// </summary>
    public async Task<bool> RemoveUnusedVolumeAsync(string name, CancellationToken ct = default)
    {
        try
        {
            await Client.Volumes.RemoveAsync(name, force: false, ct).ConfigureAwait(false);
            return true;
        }
        catch (DockerApiException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            return false;
        }
    }
}
