namespace KSail.Testing;

/// <summary>
/// A user's kubeconfig as kubectl, gcloud, aws and az leave it: an EKS exec user with
/// <c>interactiveMode</c> (kubectl refuses v1 exec users without it), a <c>proxy-url</c>,
/// <c>disable-compression</c>, <c>tokenFile</c>, <c>as-uid</c>, comments, flow style, quoting and
/// fields no model knows. Tests check that KSail.NET's changes keep every byte of it.
/// </summary>
public static class UsersKubeconfig
{
    /// <summary>The file's text.</summary>
    public const string Text = """
        # managed by hand, keep this comment
        apiVersion: v1
        kind: Config
        preferences: {}
        clusters:
          - cluster:
              certificate-authority-data: Q0E=
              server: https://eks.example:443
              proxy-url: http://proxy.corp:3128   # the corporate proxy
              disable-compression: true
              x-unknown-cluster-field: kept
            name: eks
          - cluster:
              server: "https://gke.example"
              tls-server-name: gke.internal
            name: gke
        contexts:
          - context:
              cluster: eks
              user: eks
              namespace: team
            name: eks
          - context: {cluster: gke, user: gke}
            name: gke
        current-context: eks
        users:
          - name: eks
            user:
              exec:
                apiVersion: client.authentication.k8s.io/v1
                command: aws
                args: ["eks", "get-token", "--cluster-name", "prod"]
                interactiveMode: Never
                provideClusterInfo: false
          - name: gke
            user:
              tokenFile: /var/run/secrets/token
              as-uid: "1001"
              as-user-extra:
                reason: [audit]
        extensions:
          - name: kept
            extension:
              note: as written
        """;
}
