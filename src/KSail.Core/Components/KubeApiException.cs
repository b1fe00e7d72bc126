using System.Net;

namespace KSail.Core.Components;

/// <summary>The API server refused a request.</summary>
public sealed class KubeApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KubeApiException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public KubeApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public KubeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a status code.</summary>
    public KubeApiException(HttpStatusCode status, string message)
        : base(message) => Status = status;

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode Status { get; }
}
