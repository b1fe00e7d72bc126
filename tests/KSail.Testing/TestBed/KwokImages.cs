namespace KSail.Testing.TestBed;

/// <summary>
/// The five images of a KWOK cluster on the test bed, under the names kwokctl runs
/// (<c>--entrypoint=etcd</c>, <c>kube-apiserver</c>, <c>kube-controller-manager</c>,
/// <c>kube-scheduler</c>, <c>kwok</c>): Debian's etcd-server, the test bed's Kubernetes 1.20.2
/// binaries and the kwok controller stand-in (tests/testbed/kwok-controller-stand-in). They go into
/// kwok.yaml's <c>options</c> as any other image would.
/// </summary>
/// <param name="Etcd">The <c>kwok-etcd=</c> line (<c>options.etcdImage</c>).</param>
/// <param name="KubeApiserver">The <c>kwok-kube-apiserver=</c> line (<c>options.kubeApiserverImage</c>).</param>
/// <param name="KubeControllerManager">The <c>kwok-kube-controller-manager=</c> line (<c>options.kubeControllerManagerImage</c>).</param>
/// <param name="KubeScheduler">The <c>kwok-kube-scheduler=</c> line (<c>options.kubeSchedulerImage</c>).</param>
/// <param name="KwokControllerStandIn">The <c>kwok-controller=</c> line, the stand-in (<c>options.kwokControllerImage</c>).</param>
public sealed record KwokImages(string Etcd, string KubeApiserver, string KubeControllerManager, string KubeScheduler, string KwokControllerStandIn);
