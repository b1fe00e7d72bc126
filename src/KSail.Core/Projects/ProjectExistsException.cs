namespace KSail.Core.Projects;

/// <summary>A file that a scaffold would overwrite without being allowed to.</summary>
public sealed class ProjectExistsException : Exception
{
    /// <summary>Creates the exception for the files that exist.</summary>
    public ProjectExistsException(IReadOnlyList<string> existing)
        : base($"{string.Join(", ", existing)} already exist{(existing.Count == 1 ? "s" : string.Empty)}; nothing was written. Pass --force to overwrite.")
        => Existing = existing;

    /// <summary>Creates the exception without files.</summary>
    public ProjectExistsException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ProjectExistsException(string message)
        : base(message) => Existing = [];

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ProjectExistsException(string message, Exception innerException)
        : base(message, innerException) => Existing = [];

    /// <summary>The files that exist.</summary>
    public IReadOnlyList<string> Existing { get; }
}
