using System.Globalization;
using System.Text;
using k8s;
using k8s.Models;

namespace KSail.Core.Readiness;

/// <summary>What the cluster says about an object that is not ready: its recent events and, for Pods, container states and last log lines.</summary>
internal static class ClusterDiagnosis
{
    private const int EventCount = 5;
    private const int LogLines = 10;

    /// <summary>The most recent events about one object, one per line, indented by <paramref name="indent"/>.</summary>
    public static async Task<string> EventsAsync(IKubernetes client, string kind, string? @namespace, string name, string indent, CancellationToken ct)
    {
        var selector = $"involvedObject.kind={kind},involvedObject.name={name}"
            + (@namespace is null ? string.Empty : $",involvedObject.namespace={@namespace}");
        var events = await client.CoreV1.ListEventForAllNamespacesAsync(fieldSelector: selector, cancellationToken: ct).ConfigureAwait(false);
        var recent = events.Items
            .OrderByDescending(e => e.LastTimestamp ?? e.EventTime ?? e.Metadata.CreationTimestamp)
            .Take(EventCount)
            .ToList();
        if (recent.Count == 0)
        {
            return $"{indent}no events";
        }

        var text = new StringBuilder();
        text.Append(indent).Append("recent events:");
        foreach (var e in recent)
        {
            text.AppendLine().Append(indent).Append("  ").Append(e.Type).Append(' ').Append(e.Reason).Append(": ").Append(e.Message?.Trim());
            if (e.Count > 1)
            {
                text.Append(CultureInfo.InvariantCulture, $" (x{e.Count})");
            }

            if (e.Source?.Component is { Length: > 0 } source)
            {
                text.Append(" [").Append(source).Append(']');
            }
        }

        return text.ToString();
    }

    /// <summary>A Pod's phase, conditions that are not True, container states, events and last log lines.</summary>
    public static async Task<string> PodAsync(IKubernetes client, V1Pod pod, string indent, CancellationToken ct)
    {
        var ns = pod.Metadata.NamespaceProperty;
        var name = pod.Metadata.Name;
        var text = new StringBuilder();
        text.Append(indent).Append("Pod ").Append(ns).Append('/').Append(name).Append(": phase ").Append(pod.Status?.Phase ?? "unknown");
        if (pod.Spec?.NodeName is { } node)
        {
            text.Append(" on node ").Append(node);
        }

        foreach (var condition in pod.Status?.Conditions?.Where(c => c.Status != "True") ?? [])
        {
            text.AppendLine().Append(indent).Append(CultureInfo.InvariantCulture, $"  condition {condition.Type}={condition.Status}");
            AppendReason(text, condition.Reason, condition.Message);
        }

        foreach (var container in pod.Status?.ContainerStatuses ?? [])
        {
            text.AppendLine().Append(indent).Append(CultureInfo.InvariantCulture, $"  container {container.Name} ({container.Image}): ");
            if (container.State?.Waiting is { } waiting)
            {
                text.Append("waiting");
                AppendReason(text, waiting.Reason, waiting.Message);
            }
            else if (container.State?.Terminated is { } terminated)
            {
                text.Append(CultureInfo.InvariantCulture, $"terminated with exit code {terminated.ExitCode}");
                AppendReason(text, terminated.Reason, terminated.Message);
            }
            else
            {
                text.Append(container.Ready ? "running, ready" : "running, not ready");
            }

            if (container.RestartCount > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $", restarted {container.RestartCount} times");
            }
        }

        text.AppendLine().Append(await EventsAsync(client, "Pod", ns, name, indent + "  ", ct).ConfigureAwait(false));
        foreach (var container in pod.Spec?.Containers ?? [])
        {
            text.AppendLine().Append(await LogTailAsync(client, pod, container.Name, indent + "  ", ct).ConfigureAwait(false));
        }

        return text.ToString();
    }

    private static async Task<string> LogTailAsync(IKubernetes client, V1Pod pod, string container, string indent, CancellationToken ct)
    {
        try
        {
            using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(
                pod.Metadata.Name, pod.Metadata.NamespaceProperty, container: container, tailLines: LogLines, cancellationToken: ct).ConfigureAwait(false);
            using var reader = new StreamReader(stream);
            var lines = (await reader.ReadToEndAsync(ct).ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return lines.Length == 0
                ? $"{indent}log of {container}: empty"
                : $"{indent}last log lines of {container}:{Environment.NewLine}" + string.Join(Environment.NewLine, lines.Select(l => $"{indent}  | {l.TrimEnd()}"));
        }
        catch (k8s.Autorest.HttpOperationException ex)
        {
            return $"{indent}log of {container}: none ({FailureText.ApiMessage(ex) ?? ex.Message})";
        }
    }

    private static void AppendReason(StringBuilder text, string? reason, string? message)
    {
        if (!string.IsNullOrEmpty(reason))
        {
            text.Append(' ').Append(reason);
        }

        if (!string.IsNullOrEmpty(message))
        {
            text.Append(": ").Append(message.Trim());
        }
    }
}
