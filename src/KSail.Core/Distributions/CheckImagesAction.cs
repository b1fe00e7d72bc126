namespace KSail.Core.Distributions;

/// <summary>Check images: each image of the nodes to create present, or pulled, before anything is created.</summary>
internal sealed class CheckImagesAction : IProvisioningAction<ProvisioningContext>
{
    /// <inheritdoc/>
    public string Name => "check images";

    /// <inheritdoc/>
    public Task ExecuteAsync(ProvisioningContext context, CancellationToken ct) =>
        context.Steps.CheckImagesAsync(context.Nodes.Select(n => n.Image), ct);
}
