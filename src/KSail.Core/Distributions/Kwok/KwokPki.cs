using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KSail.Core.Distributions.Kwok;

/// <summary>
/// kwokctl's PKI (kwok v0.8.0 <c>pkg/kwokctl/pki/pki.go</c>, <c>pkiutil.go</c>; written by
/// <c>runtime/compose/cluster_setup.go</c>): one CA (<c>kwok-ca</c>) and one certificate for every
/// component and the admin (CN <c>kwok-admin</c>, O <c>system:masters</c>, any purpose, server and
/// client auth) with the API server's names; its key doubles as the service-account key. RSA 2048,
/// valid from a day before for 100 years; PEM as kwokctl writes (<c>RSA PRIVATE KEY</c>).
/// </summary>
/// <param name="CaCertificate">ca.crt.</param>
/// <param name="CaKey">ca.key.</param>
/// <param name="AdminCertificate">admin.crt.</param>
/// <param name="AdminKey">admin.key (a secret: never log it).</param>
internal sealed record KwokPki(string CaCertificate, string CaKey, string AdminCertificate, string AdminKey)
{
    /// <summary>kwokctl's admin user.</summary>
    public const string AdminUser = "kwok-admin";

    /// <summary>kwokctl's admin group.</summary>
    public const string AdminGroup = "system:masters";

    /// <summary>kwokctl's default names in the certificate (pki.go DefaultAltNames).</summary>
    public static readonly IReadOnlyList<string> DefaultAltNames =
    [
        "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local",
        "kueue-webhook-service.kueue-system.svc", "jobset-webhook-service.jobset-system.svc", "lws-webhook-service.lws-system.svc",
        "localhost", "127.0.0.1", "::1",
    ];

    private const string AnyPurpose = "2.5.29.37.0";

    /// <summary>The names of the certificate of <paramref name="cluster"/>: kwokctl's defaults, the API server's and kwok controller's containers, and options.kubeApiserverCertSANs.</summary>
    public static IReadOnlyList<string> AltNames(string cluster, IEnumerable<string>? extra = null) =>
        [.. DefaultAltNames.Concat([KwokNames.Container(cluster, KwokNames.KubeApiserver), KwokNames.Container(cluster, KwokNames.KwokController)]).Concat(extra ?? []).Distinct(StringComparer.Ordinal)];

    /// <summary>Generates the PKI of <paramref name="cluster"/> as of <paramref name="now"/>.</summary>
    public static KwokPki Generate(string cluster, IEnumerable<string>? extraNames, DateTimeOffset now)
    {
        var notBefore = now.AddHours(-24);
        var notAfter = now.AddDays(100 * 365);
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest(new X500DistinguishedName("CN=kwok-ca"), caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, critical: true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, critical: false));
        using var ca = caRequest.CreateSelfSigned(notBefore, notAfter);

        using var adminKey = RSA.Create(2048);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName(AdminGroup);
        subject.AddCommonName(AdminUser);
        var request = new CertificateRequest(subject.Build(), adminKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(AnyPurpose), new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in AltNames(cluster, extraNames))
        {
            if (IPAddress.TryParse(name, out var address))
            {
                names.AddIpAddress(address);
            }
            else
            {
                names.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = BigInteger.Abs(new BigInteger(RandomNumberGenerator.GetBytes(16))).ToByteArray(isUnsigned: true, isBigEndian: true);
        using var admin = request.Create(ca, notBefore, notAfter, serial);

        return new KwokPki(ca.ExportCertificatePem(), caKey.ExportRSAPrivateKeyPem(), admin.ExportCertificatePem(), adminKey.ExportRSAPrivateKeyPem());
    }

    /// <summary>Writes ca.crt, ca.key, admin.crt and admin.key into <paramref name="folder"/> (keys readable by the owner only).</summary>
    public void WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var (file, content, secret) in new[] { ("ca.crt", CaCertificate, false), ("ca.key", CaKey, true), ("admin.crt", AdminCertificate, false), ("admin.key", AdminKey, true) })
        {
            var path = Path.Combine(folder, file);
            File.WriteAllText(path, content + "\n");
            if (!OperatingSystem.IsWindows())
            {
                // Keys for the owner only (the components run as root); certificates readable by all.
                File.SetUnixFileMode(path, secret ? UnixFileMode.UserRead | UnixFileMode.UserWrite : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
        }
    }
}
