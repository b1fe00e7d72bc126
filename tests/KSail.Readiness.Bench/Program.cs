using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using k8s;
using k8s.Models;
using KSail.Core;
using KSail.Core.Configuration.Model;
using KSail.Core.Readiness;
using KSail.Testing;
using KSail.Testing.TestBed;

// Latency from a condition becoming true to the wait returning, for KSail.NET's watches and for a
// 2-second poll, in the same run: (1) a Kustomization set Ready=True by the test acting as
// kustomize-controller; (2) the API server coming back after docker stop/start (first /readyz ok
// seen by a 10 ms probe). Prints median and p95 per kind; the last line is the headline.
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var apiRuns = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : runs;
var ct = CancellationToken.None;
const string Flux = "kustomize.toolkit.fluxcd.io";
var poll = TimeSpan.FromSeconds(2);

await using var plane = await RestartableControlPlane.StartAsync(ct);
var client = plane.Client;
await new ClusterStabilityCheck(client, new StabilityOptions()).WaitForApiServerAsync(ct);
await CustomResourceDefinitions.ApplyAsync(client, RepositoryPaths.UpstreamFile("flux/kustomize.toolkit.fluxcd.io_kustomizations.yaml"), ct);
await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "bench" } }, cancellationToken: ct);
var controller = new StandInController(client);

var ours = new List<double>();
var polled = new List<double>();
for (var i = 0; i < runs; i++)
{
    ours.Add(await KustomizationLatencyAsync($"w{i}", watch: true));
    polled.Add(await KustomizationLatencyAsync($"p{i}", watch: false));
    Console.Error.WriteLine($"run {i + 1}: Kustomization Ready: watch {ours[^1]:0} ms, 2 s poll {polled[^1]:0} ms");
}

var apiOurs = new List<double>();
var apiPolled = new List<double>();
for (var i = 0; i < apiRuns; i++)
{
    apiOurs.Add(await ApiServerLatencyAsync(watch: true));
    apiPolled.Add(await ApiServerLatencyAsync(watch: false));
    Console.Error.WriteLine($"run {i + 1}: API server back: stability check {apiOurs[^1]:0} ms, 2 s poll {apiPolled[^1]:0} ms");
}

Console.WriteLine($"API server back -> check returns (3 healthy /readyz in a row, 100 ms apart): median {Median(apiOurs):0} ms, p95 {P95(apiOurs):0} ms; 2 s poll: median {Median(apiPolled):0} ms, p95 {P95(apiPolled):0} ms (n={apiRuns})");
Console.WriteLine($"Kustomization Ready=True -> GitOps readiness returns (watch): median {Median(ours):0} ms, p95 {P95(ours):0} ms; 2 s poll: median {Median(polled):0} ms, p95 {P95(polled):0} ms (n={runs})");
Console.WriteLine($"readiness: Kustomization Ready latency median {Median(ours):0} ms (goal < 250 ms), 2 s poll {Median(polled):0} ms");
return 0;

async Task<double> KustomizationLatencyAsync(string name, bool watch)
{
    var generation = await FluxObjects.CreateKustomizationAsync(client, "bench", name, labels: null, ct);
    var watching = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    var progress = new ProgressRecorder<ProgressEvent>().Once(e => e.Message.Contains($"bench/{name} (", StringComparison.Ordinal), _ => watching.TrySetResult());
    long returned = 0;
    Task wait = watch
        ? Task.Run(async () =>
        {
            await new GitOpsReadiness(client, new GitOpsReadinessOptions { Engine = GitOpsEngine.Flux, Names = [$"bench/{name}"], WaitForControllers = false }, progress).WaitForObjectsAsync(ct);
            returned = Stopwatch.GetTimestamp();
        })
        : Task.Run(async () =>
        {
            watching.TrySetResult();
            while (true)
            {
                var item = await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(Flux, "v1", "bench", "kustomizations", name, ct);
                if (item.TryGetProperty("status", out var status) && status.TryGetProperty("conditions", out var conditions)
                    && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True"))
                {
                    returned = Stopwatch.GetTimestamp();
                    return;
                }

                await Task.Delay(poll, ct);
            }
        });
    await watching.Task;

    // Let the poll's phase fall anywhere in its interval, as it would in real use.
    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 2000)), ct);
    var set = Stopwatch.GetTimestamp();
    await controller.SetStatusAsync(
        Flux, "v1", "kustomizations", "bench", name,
        new
        {
            observedGeneration = generation,
            lastAppliedRevision = "latest@sha256:abc",
            conditions = new[] { new { type = "Ready", status = "True", reason = "ReconciliationSucceeded", message = "Applied revision: latest@sha256:abc", lastTransitionTime = "2024-01-01T00:00:00Z" } },
        },
        statusSubresource: true,
        ct);
    await wait;
    return Stopwatch.GetElapsedTime(set, returned).TotalMilliseconds;
}

async Task<double> ApiServerLatencyAsync(bool watch)
{
    await plane.StopAsync(ct);
    using var started = new CancellationTokenSource();
    long back = 0;
    long returned = 0;

    // The moment the API server is back: the first /readyz ok seen by a 10 ms probe on its own connection.
    var probe = Task.Run(async () =>
    {
        using var probeClient = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(plane.KubeconfigPath));
        while (true)
        {
            try
            {
                using var response = await probeClient.HttpClient.GetAsync(new Uri(probeClient.BaseUri, "readyz"), ct);
                if (response.IsSuccessStatusCode)
                {
                    back = Stopwatch.GetTimestamp();
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(10, ct);
        }
    });
    Task wait = watch
        ? Task.Run(async () =>
        {
            using var fresh = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(plane.KubeconfigPath));
            await new ClusterStabilityCheck(fresh, StabilityOptions.For(Distribution.Vanilla)).WaitForApiServerAsync(ct);
            returned = Stopwatch.GetTimestamp();
        })
        : Task.Run(async () =>
        {
            using var fresh = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(plane.KubeconfigPath));
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 2000)), ct);
            while (true)
            {
                try
                {
                    using var response = await fresh.HttpClient.GetAsync(new Uri(fresh.BaseUri, "readyz"), ct);
                    if (response.IsSuccessStatusCode)
                    {
                        returned = Stopwatch.GetTimestamp();
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(poll, ct);
            }
        });
    await plane.StartAgainAsync(ct);
    await Task.WhenAll(probe, wait);
    return Stopwatch.GetElapsedTime(back, returned).TotalMilliseconds;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static double P95(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(0.95 * sorted.Count) - 1)];
}
