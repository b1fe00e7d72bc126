using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KSail.Core.Configuration.Model;

/// <summary>Extract configures extraction of Age private keys from a key file.</summary>
[Description("Extract configures extraction of Age private keys from a key file.")]
public sealed class SopsExtractSource
{
    /// <summary>File is the path to the Age key file (absolute or relative to the working directory). Defaults to the OS-specific SOPS age key path when empty.</summary>
    [Description("File is the path to the Age key file (absolute or relative to the working directory). Defaults to the OS-specific SOPS age key path when empty.")]
    [JsonPropertyName("file")]
    public string? File { get; set; }

    /// <summary>PublicKeys is a list of Age public keys (age1...) used to select which private keys to include in the SOPS secret. For each private key in the key file, its public key is derived and compared against this list. Only matching private keys are included. When empty (default), all private keys from the file are included.</summary>
    [Description("PublicKeys is a list of Age public keys (age1...) used to select which private keys to include in the SOPS secret. For each private key in the key file, its public key is derived and compared against this list. Only matching private keys are included. When empty (default), all private keys from the file are included.")]
    [JsonPropertyName("publicKeys")]
    public List<string>? PublicKeys { get; set; }
}
