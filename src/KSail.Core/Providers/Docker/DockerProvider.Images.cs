using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace KSail.Core.Providers.Docker;

/// <content>Images: present or pulled, inspected, saved; the platform a container runs.</content>
public sealed partial class DockerProvider
{
    /// <summary>Whether the image is present on the engine.</summary>
    public async Task<bool> ImageExistsAsync(string image, CancellationToken ct = default)
    {
        try
        {
            await Client.Images.InspectImageAsync(image, ct).ConfigureAwait(false);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>The image as the engine has it (<c>docker image inspect</c>: its ID and platform), or null when it does not have it.</summary>
    public async Task<HostImage?> InspectImageAsync(string image, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        ImageInspectResponse found;
        try
        {
            found = await Client.Images.InspectImageAsync(image, ct).ConfigureAwait(false);
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        return new HostImage(image, found.ID, PlatformOf(found));
    }

    /// <summary>
    /// Writes the images to <paramref name="destination"/> as one archive (<c>docker save</c>,
    /// <c>GET /images/get</c>), as kind's <c>load docker-image</c> saves them before loading them into nodes.
    /// </summary>
    public async Task SaveImagesAsync(IReadOnlyList<string> images, Stream destination, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(destination);
        using var archive = await Client.Images.SaveImagesAsync([.. images], ct).ConfigureAwait(false);
        await archive.CopyToAsync(destination, ct).ConfigureAwait(false);
    }

    /// <summary>The platform a container runs: its image's OS, architecture and variant as the engine reports them.</summary>
    /// <exception cref="ProvisioningException">The engine reports no architecture for the container's image.</exception>
    public async Task<ImagePlatform> PlatformAsync(string container, CancellationToken ct = default)
    {
        var inspect = await Client.Containers.InspectContainerAsync(container, ct).ConfigureAwait(false);
        var image = await Client.Images.InspectImageAsync(inspect.Image, ct).ConfigureAwait(false);
        var platform = PlatformOf(image);
        return platform.Architecture.Length > 0
            ? platform
            : throw new ProvisioningException($"the engine reports no architecture for the image of {container} ({inspect.Config?.Image ?? inspect.Image})");
    }

    private static ImagePlatform PlatformOf(ImageInspectResponse image) =>
        new(string.IsNullOrEmpty(image.Os) ? "linux" : image.Os, image.Architecture ?? string.Empty, string.IsNullOrEmpty(image.Variant) ? null : image.Variant);

    /// <summary>Pulls the image unless it is present, reporting progress.</summary>
    /// <exception cref="ProvisioningException">The pull failed (e.g. no network); the message names the image.</exception>
    public async Task EnsureImageAsync(string image, CancellationToken ct = default)
    {
        if (await ImageExistsAsync(image, ct).ConfigureAwait(false))
        {
            return;
        }

        progress?.Report(new ProgressEvent("pull image", $"pulling {image}"));
        var failure = default(string);
        var pullProgress = new Progress<JSONMessage>(m =>
        {
            if (m.Error is { Message: { } message })
            {
                failure = message;
            }
        });
        try
        {
            await Client.Images.CreateImageAsync(PullParameters(image), null, pullProgress, ct).ConfigureAwait(false);
        }
        catch (DockerApiException ex)
        {
            failure = ex.ResponseBody;
        }
        catch (HttpRequestException ex)
        {
            failure = ex.Message;
        }

        if (failure is null && await ImageExistsAsync(image, ct).ConfigureAwait(false))
        {
            return;
        }

        throw new ProvisioningException(
            $"pulling the image {image} failed: {(failure ?? "the image is not present after the pull").Trim()}. Check the name and the network, or load the image first ('docker load' / 'docker pull').");
    }

    /// <summary>
    /// The pull of <paramref name="image"/> (<c>POST /images/create</c>) as the docker CLI sends it
    /// (FIDELITY S3; moby's <c>client/image_pull.go</c>): the repository in <c>fromImage</c> and
    /// in <c>tag</c> the digest when there is one (a <c>name:tag@digest</c> reference is pulled by
    /// its digest, the tag only naming it), else the tag, else <c>latest</c>.
    /// </summary>
    internal static ImagesCreateParameters PullParameters(string image)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var named = at < 0 ? image : image[..at];
        var digest = at < 0 ? null : image[(at + 1)..];

        // A tag follows the last ':' after the last '/' (a ':' before it belongs to a registry's port).
        var colon = named.LastIndexOf(':');
        var tagged = colon > named.LastIndexOf('/');
        var repository = tagged ? named[..colon] : named;
        var tag = tagged ? named[(colon + 1)..] : null;
        return new ImagesCreateParameters { FromImage = repository, Tag = digest ?? tag ?? "latest" };
    }
}
