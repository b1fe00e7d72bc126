namespace KSail.Core.Configuration;

/// <summary>
/// The kind of value a <see cref="ClusterField"/> takes; it decides the field's type on each surface
/// (the CLI takes every field as text, as ksail.yaml writes it).
/// </summary>
public enum ClusterFieldKind
{
    /// <summary>Free text: a string in Cake and NUKE.</summary>
    Text,

    /// <summary>A whole number: an int in Cake and NUKE.</summary>
    Number,

    /// <summary>One name of the enum <see cref="ClusterField.Choices"/>: a string in Cake (as written in ksail.yaml), the enum in NUKE.</summary>
    Choice,

    /// <summary>A file path (relative ones start at ksail.yaml's directory): Cake's <c>FilePath</c>, a string in NUKE.</summary>
    File,

    /// <summary>A Go duration such as <c>10m</c>: a <see cref="TimeSpan"/> in Cake; a string (or a <see cref="TimeSpan"/>) in NUKE.</summary>
    Duration,
}
