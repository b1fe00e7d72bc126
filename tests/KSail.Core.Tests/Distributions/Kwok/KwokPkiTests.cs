using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KSail.Core.Distributions.Kwok;

namespace KSail.Core.Tests.Distributions.Kwok;

/// <summary>
/// kwokctl's PKI (kwok v0.8.0 pkg/kwokctl/pki/pki.go): one CA, one certificate for every component and
/// the admin, with the API server's names; its key doubles as the service-account key.
/// </summary>
public sealed class KwokPkiTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_CA_is_kwok_ca_and_signs_the_admin_certificate_kwok_admin_of_system_masters()
    {
        var pki = KwokPki.Generate("sim", extraNames: null, Now);
        using var ca = X509Certificate2.CreateFromPem(pki.CaCertificate);
        using var admin = X509Certificate2.CreateFromPem(pki.AdminCertificate);

        Assert.Equal("CN=kwok-ca", ca.Subject);
        Assert.True(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.True(ca.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign));
        Assert.Equal("O=system:masters, CN=kwok-admin", admin.Subject); // in the order Go's pkix.Name writes it: O, then CN
        Assert.Equal(ca.Subject, admin.Issuer);
        Assert.False(admin.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Now.UtcDateTime;
        Assert.True(chain.Build(admin), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal(Now.AddHours(-24).UtcDateTime, admin.NotBefore.ToUniversalTime());
        Assert.True(admin.NotAfter.ToUniversalTime() > Now.AddYears(99).UtcDateTime);
    }

    [Fact]
    public void The_admin_certificate_serves_and_authenticates_for_any_purpose_with_the_API_server_s_names()
    {
        var pki = KwokPki.Generate("sim", ["api.example.test", "10.1.2.3"], Now);
        using var admin = X509Certificate2.CreateFromPem(pki.AdminCertificate);

        var usages = admin.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).ToList();
        Assert.Equal(["2.5.29.37.0", "1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], usages);
        var names = admin.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        var dns = names.EnumerateDnsNames().ToList();
        var ips = names.EnumerateIPAddresses().ToList();
        Assert.Contains("kubernetes.default.svc.cluster.local", dns);
        Assert.Contains("localhost", dns);
        Assert.Contains("kwok-sim-kube-apiserver", dns);
        Assert.Contains("kwok-sim-kwok-controller", dns);
        Assert.Contains("api.example.test", dns);
        Assert.Contains(IPAddress.Loopback, ips);
        Assert.Contains(IPAddress.IPv6Loopback, ips);
        Assert.Contains(IPAddress.Parse("10.1.2.3"), ips);
    }

    [Fact]
    public void The_keys_are_RSA_2048_in_kwokctl_s_PEM_and_the_admin_key_matches_its_certificate()
    {
        var pki = KwokPki.Generate("sim", extraNames: null, Now);

        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", pki.AdminKey, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", pki.CaKey, StringComparison.Ordinal);
        using var admin = X509Certificate2.CreateFromPem(pki.AdminCertificate, pki.AdminKey);
        Assert.True(admin.HasPrivateKey);
        using var key = admin.GetRSAPrivateKey()!;
        Assert.Equal(2048, key.KeySize);
    }
}
