// Command kwok is the KSail.NET test bed's STAND-IN for the kwok controller
// (registry.k8s.io/kwok/kwok, kubernetes-sigs/kwok v0.8.0). No kwok image can be pulled on the
// test-bed machines, so this program, written for the test bed and compiled against the vendored
// client-go of the Kubernetes 1.20.2 tree the test bed builds, plays the kubelets of fake nodes
// the way kwok's default Stages do (kustomize/stage/node/fast, node/heartbeat-with-lease,
// pod/fast in kwok v0.8.0):
//
//   - node-initialize: a managed Node whose Ready condition is not True gets kwok's five node
//     conditions (Ready True, the pressure conditions False, NetworkUnavailable False), its
//     InternalIP (--node-ip; none when empty, as kwokctl passes it) and Hostname (--node-name)
//     addresses when missing, the kubelet port (--node-port), capacity/allocatable (cpu 1k,
//     memory 1Ti, pods 1M) unless set, nodeInfo and phase Running.
//   - node-heartbeat-with-lease: a Lease per managed node in kube-node-lease (holder this
//     controller, owner the Node), renewed every quarter of --node-lease-duration-seconds; the
//     node's conditions are refreshed every 600-610 s. node-heartbeat (kwokctl's choice when the
//     lease duration is 0): the conditions are refreshed every 20-25 s, no Lease.
//   - pod-ready: a Pod on a managed node, Pending, not Ready, not being deleted, becomes Running
//     and Ready with running container statuses, completed init containers, hostIP the node's
//     InternalIP and a podIP from the node's podCIDR (else from options.cidr, default
//     10.0.0.0/24, as kwok; the addresses of Pods found running at start are kept); hostNetwork
//     Pods get the host IP.
//   - pod-complete: a Running Pod owned by a Job becomes Succeeded (containers terminated, exit 0).
//   - pod-delete: a Pod with a deletionTimestamp is deleted with grace period 0.
//
// It takes the flags kwokctl's container runtime passes (pkg/kwokctl/components/kwok_controller.go)
// and reads the --config file (kwok.yaml, multi-document): options.cidr of a KwokConfiguration
// document, and the names of Stage documents (the Stages above are played when named; when the
// file names none, kwokctl's defaults are; a Stage of another name is reported on stderr and not played: Stage
// templates are not interpreted). It serves /healthz, /readyz and /livez on --server-address.
// It does not serve logs, exec, attach, port-forward or metrics, and does not run CRD-based
// Stages (--enable-crds is accepted and reported).
package main

import (
	"context"
	"fmt"
	"io/ioutil"
	"math/rand"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/runtime"
	"k8s.io/apimachinery/pkg/util/wait"
	coordinationclient "k8s.io/client-go/kubernetes/typed/coordination/v1"
	coreclient "k8s.io/client-go/kubernetes/typed/core/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
	"k8s.io/client-go/util/workqueue"
	"sigs.k8s.io/yaml"
)

const (
	fakeVersion    = "kwok-v0.8.0-ksail-stand-in"
	leaseNamespace = "kube-node-lease"
	workers        = 8
)

type options struct {
	manageAll          bool
	annotationSelector string
	kubeconfig         string
	master             string
	config             string
	nodeIP             string
	nodeName           string
	nodePort           int
	serverAddress      string
	leaseSeconds       int
	cidr               string
	stages             map[string]bool
}

func logf(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "%s kwok stand-in: %s\n", time.Now().UTC().Format("15:04:05.000"), fmt.Sprintf(format, args...))
}

// parseFlags reads --name=value and --name value forms as pflag does; unknown flags are reported
// and skipped (the real kwok has more of them: tracing, profiling, other selectors).
func parseFlags(args []string) (*options, error) {
	o := &options{nodeName: "kwok-controller", nodePort: 10247, serverAddress: "0.0.0.0:10247", cidr: "10.0.0.0/24"}
	// kwok's --node-ip has no default: without it fake nodes get no InternalIP and Pods no hostIP.
	valued := map[string]*string{
		"manage-nodes-with-annotation-selector": &o.annotationSelector,
		"kubeconfig":                            &o.kubeconfig,
		"master":                                &o.master,
		"config":                                &o.config,
		"node-ip":                               &o.nodeIP,
		"node-name":                             &o.nodeName,
		"server-address":                        &o.serverAddress,
		"cidr":                                  &o.cidr,
	}
	var nodePort, lease, ignored string
	nodePort, lease = "10247", "40"
	valued["node-port"] = &nodePort
	valued["node-lease-duration-seconds"] = &lease
	// Accepted and without effect here (the files are kwokctl's admin certificate; see the package comment).
	for _, name := range []string{"tls-cert-file", "tls-private-key-file", "v", "enable-crds"} {
		valued[name] = &ignored
	}
	manageAll := "false"
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") {
			logf("warning: ignoring argument %q", a)
			continue
		}
		name := strings.TrimLeft(a, "-")
		value, hasValue := "", false
		if eq := strings.IndexByte(name, '='); eq >= 0 {
			name, value, hasValue = name[:eq], name[eq+1:], true
		}
		if name == "manage-all-nodes" {
			if !hasValue {
				value = "true"
			}
			manageAll = value
			continue
		}
		if name == "h" || name == "help" {
			fmt.Fprintln(os.Stderr, "kwok (KSail.NET test-bed stand-in for the kwok controller): see tests/testbed/README.md")
			os.Exit(0)
		}
		target, known := valued[name]
		if !hasValue && i+1 < len(args) && !strings.HasPrefix(args[i+1], "--") {
			value, hasValue = args[i+1], true
			if known {
				i++
			}
		}
		if !known {
			logf("warning: flag --%s is not supported by the stand-in; ignored", name)
			continue
		}
		if !hasValue {
			return nil, fmt.Errorf("flag --%s needs a value", name)
		}
		*target = value
		if name == "enable-crds" && value != "" {
			logf("warning: --enable-crds=%s: CRD-based Stages are not played by the stand-in", value)
		}
	}
	var err error
	if o.manageAll, err = strconv.ParseBool(manageAll); err != nil {
		return nil, fmt.Errorf("--manage-all-nodes: %v", err)
	}
	if o.nodePort, err = strconv.Atoi(nodePort); err != nil {
		return nil, fmt.Errorf("--node-port: %v", err)
	}
	if o.leaseSeconds, err = strconv.Atoi(lease); err != nil || o.leaseSeconds < 0 {
		return nil, fmt.Errorf("--node-lease-duration-seconds: %q is not a number of seconds", lease)
	}
	if !o.manageAll && o.annotationSelector == "" {
		return nil, fmt.Errorf("no nodes to manage: pass --manage-all-nodes=true or --manage-nodes-with-annotation-selector")
	}
	return o, nil
}

var knownStages = []string{"node-initialize", "node-heartbeat-with-lease", "node-heartbeat", "pod-ready", "pod-complete", "pod-delete"}

// readConfig reads the kwok.yaml documents: options.cidr of KwokConfiguration, the Stage names.
func readConfig(o *options) error {
	o.stages = map[string]bool{}
	if o.config != "" {
		data, err := ioutil.ReadFile(o.config)
		if err != nil && !os.IsNotExist(err) {
			return err
		}
		for i, doc := range splitDocuments(string(data)) {
			var m struct {
				Kind     string `json:"kind"`
				Metadata struct {
					Name string `json:"name"`
				} `json:"metadata"`
				Options struct {
					CIDR   string `json:"cidr"`
					NodeIP string `json:"nodeIP"`
				} `json:"options"`
			}
			if err := yaml.Unmarshal([]byte(doc), &m); err != nil {
				return fmt.Errorf("%s: document %d: %v", o.config, i+1, err)
			}
			switch m.Kind {
			case "KwokConfiguration":
				if m.Options.CIDR != "" {
					o.cidr = m.Options.CIDR
				}
			case "Stage":
				o.stages[m.Metadata.Name] = true
			}
		}
	}
	if len(o.stages) == 0 {
		// kwokctl's defaults (pkg/kwokctl/runtime/cluster.go): the heartbeat with leases when
		// leases are on, the plain heartbeat otherwise.
		for _, s := range knownStages {
			o.stages[s] = true
		}
		if o.leaseSeconds > 0 {
			delete(o.stages, "node-heartbeat")
		} else {
			delete(o.stages, "node-heartbeat-with-lease")
		}
	}
	for name := range o.stages {
		known := false
		for _, s := range knownStages {
			known = known || s == name
		}
		if !known {
			logf("warning: Stage %q is not one the stand-in plays (%s); it is ignored", name, strings.Join(knownStages, ", "))
		}
	}
	return nil
}

func splitDocuments(s string) []string {
	var docs []string
	var cur []string
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimRight(line, " \r") == "---" {
			docs = append(docs, strings.Join(cur, "\n"))
			cur = nil
			continue
		}
		cur = append(cur, line)
	}
	docs = append(docs, strings.Join(cur, "\n"))
	out := docs[:0]
	for _, d := range docs {
		if strings.TrimSpace(d) != "" {
			out = append(out, d)
		}
	}
	return out
}

// ipPool hands out addresses of a CIDR counting up from its base, as kwok's ipPool does
// (it does not stop at the end of the CIDR either); released addresses are reused.
type ipPool struct {
	base   net.IP
	index  int
	used   map[string]bool
	usable map[string]bool
}

type controller struct {
	o          *options
	core       coreclient.CoreV1Interface
	leases     coordinationclient.CoordinationV1Interface
	selector   labels.Selector
	nodes      cache.Indexer
	pods       cache.Indexer
	nodeQueue  workqueue.RateLimitingInterface
	podQueue   workqueue.RateLimitingInterface
	mu         sync.Mutex
	pools      map[string]*ipPool
	podIPs     map[string]string // pod key -> "cidr|ip" handed out
	heartbeats map[string]time.Time
	holder     string
}

func (c *controller) managed(n *corev1.Node) bool {
	if c.o.manageAll {
		return true
	}
	return c.selector.Matches(labels.Set(n.Annotations))
}

func (c *controller) managedNode(name string) (*corev1.Node, bool) {
	obj, ok, err := c.nodes.GetByKey(name)
	if err != nil || !ok {
		return nil, false
	}
	n := obj.(*corev1.Node)
	return n, c.managed(n)
}

func nodeConditions(now metav1.Time, since metav1.Time) []corev1.NodeCondition {
	c := func(t corev1.NodeConditionType, s corev1.ConditionStatus, reason, msg string) corev1.NodeCondition {
		return corev1.NodeCondition{Type: t, Status: s, Reason: reason, Message: msg, LastHeartbeatTime: now, LastTransitionTime: since}
	}
	return []corev1.NodeCondition{
		c(corev1.NodeReady, corev1.ConditionTrue, "KubeletReady", "kubelet is posting ready status"),
		c(corev1.NodeMemoryPressure, corev1.ConditionFalse, "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
		c(corev1.NodeDiskPressure, corev1.ConditionFalse, "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
		c(corev1.NodePIDPressure, corev1.ConditionFalse, "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
		c(corev1.NodeNetworkUnavailable, corev1.ConditionFalse, "RouteCreated", "RouteController created a route"),
	}
}

func nodeReady(n *corev1.Node) bool {
	for _, cond := range n.Status.Conditions {
		if cond.Type == corev1.NodeReady {
			return cond.Status == corev1.ConditionTrue
		}
	}
	return false
}

func orDefault(v, d string) string {
	if v == "" {
		return d
	}
	return v
}

// initializeNode is kwok's node-initialize Stage (and the condition refresh of the heartbeat).
func (c *controller) initializeNode(ctx context.Context, n *corev1.Node) error {
	n = n.DeepCopy()
	now := metav1.Now()
	since := n.CreationTimestamp
	if since.IsZero() {
		since = now
	}
	n.Status.Conditions = nodeConditions(now, since)
	hasIP, hasHost := false, false
	for _, a := range n.Status.Addresses {
		hasIP = hasIP || a.Type == corev1.NodeInternalIP
		hasHost = hasHost || a.Type == corev1.NodeHostName
	}
	if !hasIP && c.o.nodeIP != "" {
		n.Status.Addresses = append(n.Status.Addresses, corev1.NodeAddress{Type: corev1.NodeInternalIP, Address: c.o.nodeIP})
	}
	if !hasHost && c.o.nodeName != "" {
		n.Status.Addresses = append(n.Status.Addresses, corev1.NodeAddress{Type: corev1.NodeHostName, Address: c.o.nodeName})
	}
	if c.o.nodePort != 0 {
		n.Status.DaemonEndpoints.KubeletEndpoint.Port = int32(c.o.nodePort)
	}
	defaults := corev1.ResourceList{
		corev1.ResourceCPU:    resource.MustParse("1k"),
		corev1.ResourceMemory: resource.MustParse("1Ti"),
		corev1.ResourcePods:   resource.MustParse("1M"),
	}
	if len(n.Status.Allocatable) == 0 {
		n.Status.Allocatable = defaults.DeepCopy()
	}
	if len(n.Status.Capacity) == 0 {
		n.Status.Capacity = defaults.DeepCopy()
	}
	info := &n.Status.NodeInfo
	info.Architecture = orDefault(info.Architecture, "amd64")
	info.ContainerRuntimeVersion = orDefault(info.ContainerRuntimeVersion, fakeVersion)
	info.KernelVersion = orDefault(info.KernelVersion, fakeVersion)
	info.KubeProxyVersion = orDefault(info.KubeProxyVersion, fakeVersion)
	info.KubeletVersion = orDefault(info.KubeletVersion, fakeVersion)
	info.OperatingSystem = orDefault(info.OperatingSystem, "linux")
	n.Status.Phase = corev1.NodeRunning
	_, err := c.core.Nodes().UpdateStatus(ctx, n, metav1.UpdateOptions{})
	if err == nil {
		c.mu.Lock()
		c.heartbeats[n.Name] = time.Now()
		c.mu.Unlock()
	}
	return err
}

func (c *controller) syncNode(ctx context.Context, name string) error {
	n, managed := c.managedNode(name)
	if n == nil || !managed {
		c.mu.Lock()
		delete(c.heartbeats, name)
		c.mu.Unlock()
		return nil
	}
	if !nodeReady(n) && c.o.stages["node-initialize"] {
		if err := c.initializeNode(ctx, n); err != nil {
			return err
		}
		logf("node %s initialized (Ready)", name)
	}
	if c.o.leaseSeconds > 0 && c.o.stages["node-heartbeat-with-lease"] {
		return c.renewLease(ctx, n)
	}
	return nil
}

// renewLease creates or renews the node's Lease in kube-node-lease, as the kubelet and kwok do.
func (c *controller) renewLease(ctx context.Context, n *corev1.Node) error {
	now := metav1.NewMicroTime(time.Now())
	duration := int32(c.o.leaseSeconds)
	l, err := c.leases.Leases(leaseNamespace).Get(ctx, n.Name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		l = &coordinationv1.Lease{
			ObjectMeta: metav1.ObjectMeta{Name: n.Name, Namespace: leaseNamespace, OwnerReferences: []metav1.OwnerReference{{
				APIVersion: "v1", Kind: "Node", Name: n.Name, UID: n.UID,
			}}},
			Spec: coordinationv1.LeaseSpec{HolderIdentity: &c.holder, LeaseDurationSeconds: &duration, AcquireTime: &now, RenewTime: &now},
		}
		_, err = c.leases.Leases(leaseNamespace).Create(ctx, l, metav1.CreateOptions{})
		return err
	}
	if err != nil {
		return err
	}
	l = l.DeepCopy()
	if l.Spec.HolderIdentity == nil || *l.Spec.HolderIdentity != c.holder {
		l.Spec.HolderIdentity = &c.holder
		l.Spec.AcquireTime = &now
	}
	l.Spec.LeaseDurationSeconds = &duration
	l.Spec.RenewTime = &now
	_, err = c.leases.Leases(leaseNamespace).Update(ctx, l, metav1.UpdateOptions{})
	return err
}

// heartbeatLoop renews the leases every quarter of their duration and refreshes node conditions:
// every 600-610 s with node-heartbeat-with-lease, every 20-25 s with node-heartbeat (the delays of
// kwok's two heartbeat Stages).
func (c *controller) heartbeatLoop(ctx context.Context) {
	leasing := c.o.leaseSeconds > 0 && c.o.stages["node-heartbeat-with-lease"]
	tick := 5 * time.Second
	var statusEvery, jitter time.Duration
	switch {
	case c.o.stages["node-heartbeat-with-lease"]:
		statusEvery, jitter = 600*time.Second, 10*time.Second
	case c.o.stages["node-heartbeat"]:
		statusEvery, jitter = 20*time.Second, 5*time.Second
	}
	if leasing {
		tick = time.Duration(c.o.leaseSeconds) * time.Second / 4
	}
	ticker := time.NewTicker(tick)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		for _, obj := range c.nodes.List() {
			n := obj.(*corev1.Node)
			if !c.managed(n) || !nodeReady(n) {
				continue
			}
			c.mu.Lock()
			last := c.heartbeats[n.Name]
			c.mu.Unlock()
			if statusEvery > 0 && time.Since(last) >= statusEvery+time.Duration(rand.Int63n(int64(jitter))) {
				if err := c.initializeNode(ctx, n); err != nil {
					logf("node %s: heartbeat: %v", n.Name, err)
				}
			}
			if leasing {
				c.nodeQueue.Add(n.Name)
			}
		}
	}
}

func podReady(p *corev1.Pod) bool {
	for _, cond := range p.Status.Conditions {
		if cond.Type == corev1.PodReady {
			return cond.Status == corev1.ConditionTrue
		}
	}
	return false
}

func ownedByJob(p *corev1.Pod) bool {
	for _, ref := range p.OwnerReferences {
		if ref.Kind == "Job" {
			return true
		}
	}
	return false
}

func nodeInternalIPs(n *corev1.Node) []string {
	var ips []string
	for _, a := range n.Status.Addresses {
		if a.Type == corev1.NodeInternalIP {
			ips = append(ips, a.Address)
		}
	}
	return ips
}

// podCIDR is the CIDR a Pod on node n gets its address from: the node's, else the default (kwok).
func (c *controller) podCIDR(n *corev1.Node) string {
	if len(n.Spec.PodCIDRs) != 0 {
		return n.Spec.PodCIDRs[0]
	}
	if n.Spec.PodCIDR != "" {
		return n.Spec.PodCIDR
	}
	return c.o.cidr
}

// pool returns the address pool of cidr (c.mu held).
func (c *controller) pool(cidr string) (*ipPool, error) {
	if pool, ok := c.pools[cidr]; ok {
		return pool, nil
	}
	_, ipnet, err := net.ParseCIDR(cidr)
	if err != nil {
		return nil, fmt.Errorf("pod CIDR %q: %v", cidr, err)
	}
	pool := &ipPool{base: ipnet.IP, used: map[string]bool{}, usable: map[string]bool{}}
	c.pools[cidr] = pool
	return pool, nil
}

// podIP hands the Pod an address from its node's podCIDR (or the default CIDR), once.
func (c *controller) podIP(key string, n *corev1.Node) (string, error) {
	cidr := c.podCIDR(n)
	c.mu.Lock()
	defer c.mu.Unlock()
	if got, ok := c.podIPs[key]; ok && strings.HasPrefix(got, cidr+"|") {
		return strings.TrimPrefix(got, cidr+"|"), nil
	}
	pool, err := c.pool(cidr)
	if err != nil {
		return "", err
	}
	ip := ""
	for s := range pool.usable {
		ip = s
		break
	}
	for ip == "" {
		pool.index++
		candidate := addIP(pool.base, pool.index)
		if !pool.used[candidate] {
			ip = candidate
		}
	}
	delete(pool.usable, ip)
	pool.used[ip] = true
	c.podIPs[key] = cidr + "|" + ip
	return ip, nil
}

// usePodIP records the address a Pod already has (after a restart of the controller), so it is
// not handed out again, as kwok's pod controller does for the Pods it finds running.
func (c *controller) usePodIP(key string, n *corev1.Node, ip string) {
	cidr := c.podCIDR(n)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.podIPs[key]; ok {
		return
	}
	pool, err := c.pool(cidr)
	if err != nil {
		return
	}
	delete(pool.usable, ip)
	pool.used[ip] = true
	c.podIPs[key] = cidr + "|" + ip
}

func (c *controller) releasePodIP(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	got, ok := c.podIPs[key]
	if !ok {
		return
	}
	delete(c.podIPs, key)
	parts := strings.SplitN(got, "|", 2)
	if pool, ok := c.pools[parts[0]]; ok {
		delete(pool.used, parts[1])
		pool.usable[parts[1]] = true
	}
}

func addIP(base net.IP, n int) string {
	ip := base.To4()
	if ip == nil {
		ip = base.To16()
	}
	out := make(net.IP, len(ip))
	copy(out, ip)
	carry := n
	for i := len(out) - 1; i >= 0 && carry > 0; i-- {
		sum := int(out[i]) + carry
		out[i] = byte(sum % 256)
		carry = sum / 256
	}
	return out.String()
}

func (c *controller) syncPod(ctx context.Context, key string) error {
	obj, exists, err := c.pods.GetByKey(key)
	if err != nil {
		return err
	}
	if !exists {
		c.releasePodIP(key)
		return nil
	}
	p := obj.(*corev1.Pod)
	n, managed := c.managedNode(p.Spec.NodeName)
	if p.Spec.NodeName == "" || !managed {
		return nil
	}
	if p.Status.PodIP != "" && !p.Spec.HostNetwork {
		c.usePodIP(key, n, p.Status.PodIP)
	}
	switch {
	case p.DeletionTimestamp != nil:
		if !c.o.stages["pod-delete"] {
			return nil
		}
		grace := int64(0)
		err := c.core.Pods(p.Namespace).Delete(ctx, p.Name, metav1.DeleteOptions{GracePeriodSeconds: &grace})
		if apierrors.IsNotFound(err) {
			return nil
		}
		return err
	case (p.Status.Phase == corev1.PodPending || p.Status.Phase == "") && !podReady(p):
		if !c.o.stages["pod-ready"] {
			return nil
		}
		return c.readyPod(ctx, key, p, n)
	case p.Status.Phase == corev1.PodRunning && ownedByJob(p):
		if !c.o.stages["pod-complete"] {
			return nil
		}
		return c.completePod(ctx, p)
	}
	return nil
}

// readyPod is kwok's pod-ready Stage.
func (c *controller) readyPod(ctx context.Context, key string, p *corev1.Pod, n *corev1.Node) error {
	p = p.DeepCopy()
	now := metav1.Now()
	p.Status.Conditions = []corev1.PodCondition{
		{Type: corev1.PodInitialized, Status: corev1.ConditionTrue, LastTransitionTime: now},
		{Type: corev1.PodReady, Status: corev1.ConditionTrue, LastTransitionTime: now},
		{Type: corev1.ContainersReady, Status: corev1.ConditionTrue, LastTransitionTime: now},
	}
	for _, g := range p.Spec.ReadinessGates {
		p.Status.Conditions = append(p.Status.Conditions, corev1.PodCondition{Type: g.ConditionType, Status: corev1.ConditionTrue, LastTransitionTime: now})
	}
	p.Status.ContainerStatuses = nil
	for _, ct := range p.Spec.Containers {
		started := true
		p.Status.ContainerStatuses = append(p.Status.ContainerStatuses, corev1.ContainerStatus{
			Name: ct.Name, Image: ct.Image, Ready: true, Started: &started,
			State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: now}},
		})
	}
	p.Status.InitContainerStatuses = nil
	for _, ct := range p.Spec.InitContainers {
		p.Status.InitContainerStatuses = append(p.Status.InitContainerStatuses, corev1.ContainerStatus{
			Name: ct.Name, Image: ct.Image, Ready: true,
			State: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{ExitCode: 0, Reason: "Completed", StartedAt: now, FinishedAt: now}},
		})
	}
	hostIPs := nodeInternalIPs(n)
	if len(hostIPs) != 0 {
		p.Status.HostIP = hostIPs[0]
	}
	if p.Spec.HostNetwork {
		if len(hostIPs) != 0 {
			p.Status.PodIP = hostIPs[0]
			p.Status.PodIPs = []corev1.PodIP{{IP: hostIPs[0]}}
		}
	} else {
		ip, err := c.podIP(key, n)
		if err != nil {
			return err
		}
		p.Status.PodIP = ip
		p.Status.PodIPs = []corev1.PodIP{{IP: ip}}
	}
	p.Status.Phase = corev1.PodRunning
	p.Status.StartTime = &now
	_, err := c.core.Pods(p.Namespace).UpdateStatus(ctx, p, metav1.UpdateOptions{})
	return err
}

// completePod is kwok's pod-complete Stage (Pods owned by a Job).
func (c *controller) completePod(ctx context.Context, p *corev1.Pod) error {
	p = p.DeepCopy()
	now := metav1.Now()
	p.Status.ContainerStatuses = nil
	for _, ct := range p.Spec.Containers {
		started := false
		p.Status.ContainerStatuses = append(p.Status.ContainerStatuses, corev1.ContainerStatus{
			Name: ct.Name, Image: ct.Image, Ready: false, Started: &started,
			State: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{ExitCode: 0, Reason: "Completed", StartedAt: now, FinishedAt: now}},
		})
	}
	p.Status.Phase = corev1.PodSucceeded
	_, err := c.core.Pods(p.Namespace).UpdateStatus(ctx, p, metav1.UpdateOptions{})
	return err
}

func runWorker(ctx context.Context, q workqueue.RateLimitingInterface, what string, sync func(context.Context, string) error) {
	for {
		item, shutdown := q.Get()
		if shutdown {
			return
		}
		key := item.(string)
		if err := sync(ctx, key); err != nil {
			if !apierrors.IsConflict(err) && !apierrors.IsNotFound(err) {
				logf("%s %s: %v (retrying)", what, key, err)
			}
			q.AddRateLimited(key)
		} else {
			q.Forget(key)
		}
		q.Done(key)
	}
}

func enqueue(q workqueue.RateLimitingInterface) cache.ResourceEventHandlerFuncs {
	add := func(obj interface{}) {
		if key, err := cache.DeletionHandlingMetaNamespaceKeyFunc(obj); err == nil {
			q.Add(key)
		}
	}
	return cache.ResourceEventHandlerFuncs{AddFunc: add, UpdateFunc: func(_, obj interface{}) { add(obj) }, DeleteFunc: add}
}

func serve(o *options) {
	mux := http.NewServeMux()
	for _, path := range []string{"/healthz", "/readyz", "/livez"} {
		mux.HandleFunc(path, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) })
	}
	go func() {
		if err := http.ListenAndServe(o.serverAddress, mux); err != nil {
			logf("warning: server on %s: %v", o.serverAddress, err)
		}
	}()
}

func main() {
	o, err := parseFlags(os.Args[1:])
	if err != nil {
		logf("error: %v", err)
		os.Exit(2)
	}
	if err := readConfig(o); err != nil {
		logf("error: --config: %v", err)
		os.Exit(2)
	}
	rules := clientcmd.NewDefaultClientConfigLoadingRules()
	if o.kubeconfig != "" {
		rules.ExplicitPath = o.kubeconfig
	}
	cfg, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules, &clientcmd.ConfigOverrides{ClusterInfo: clientcmdapi.Cluster{Server: o.master}}).ClientConfig()
	if err != nil {
		logf("error: kubeconfig: %v", err)
		os.Exit(2)
	}
	cfg.QPS, cfg.Burst = 5000, 10000 // kwokctl runs kwok without client-side throttling
	cfg.UserAgent = "kwok-stand-in (ksail test bed)"
	core, err := coreclient.NewForConfig(cfg)
	if err != nil {
		logf("error: %v", err)
		os.Exit(2)
	}
	leases, err := coordinationclient.NewForConfig(cfg)
	if err != nil {
		logf("error: %v", err)
		os.Exit(2)
	}
	selector := labels.Everything()
	if !o.manageAll {
		if selector, err = labels.Parse(o.annotationSelector); err != nil {
			logf("error: --manage-nodes-with-annotation-selector: %v", err)
			os.Exit(2)
		}
	}
	hostname, _ := os.Hostname()
	c := &controller{
		o: o, core: core, leases: leases, selector: selector,
		nodeQueue:  workqueue.NewNamedRateLimitingQueue(workqueue.DefaultControllerRateLimiter(), "nodes"),
		podQueue:   workqueue.NewNamedRateLimitingQueue(workqueue.DefaultControllerRateLimiter(), "pods"),
		pools:      map[string]*ipPool{},
		podIPs:     map[string]string{},
		heartbeats: map[string]time.Time{},
		holder:     orDefault(hostname, o.nodeName),
	}
	ctx, cancel := context.WithCancel(context.Background())
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-signals
		logf("stopping")
		cancel()
		c.nodeQueue.ShutDown()
		c.podQueue.ShutDown()
	}()
	runtime.ErrorHandlers = []func(error){func(err error) { logf("watch: %v", err) }}

	nodeInformer := cache.NewSharedIndexInformer(cache.NewListWatchFromClient(core.RESTClient(), "nodes", "", fields.Everything()), &corev1.Node{}, 0, cache.Indexers{})
	nodeInformer.AddEventHandler(enqueue(c.nodeQueue))
	// Pods whose node is a managed one are requeued when that node appears or changes.
	nodeInformer.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(obj interface{}) { c.requeuePodsOn(obj) },
		UpdateFunc: func(_, obj interface{}) { c.requeuePodsOn(obj) },
	})
	podInformer := cache.NewSharedIndexInformer(
		cache.NewListWatchFromClient(core.RESTClient(), "pods", "", fields.OneTermNotEqualSelector("spec.nodeName", "")),
		&corev1.Pod{}, 0, cache.Indexers{"node": func(obj interface{}) ([]string, error) { return []string{obj.(*corev1.Pod).Spec.NodeName}, nil }})
	podInformer.AddEventHandler(enqueue(c.podQueue))
	c.nodes, c.pods = nodeInformer.GetIndexer(), podInformer.GetIndexer()
	serve(o)
	go nodeInformer.Run(ctx.Done())
	go podInformer.Run(ctx.Done())
	if !cache.WaitForCacheSync(ctx.Done(), nodeInformer.HasSynced, podInformer.HasSynced) {
		logf("error: caches did not sync")
		os.Exit(1)
	}
	// The addresses of the Pods already running (the controller restarted) are taken before any
	// new Pod gets one.
	for _, obj := range c.pods.List() {
		p := obj.(*corev1.Pod)
		if n, managed := c.managedNode(p.Spec.NodeName); managed && p.Status.PodIP != "" && !p.Spec.HostNetwork {
			if key, err := cache.MetaNamespaceKeyFunc(p); err == nil {
				c.usePodIP(key, n, p.Status.PodIP)
			}
		}
	}
	mode := "all nodes"
	if !o.manageAll {
		mode = "nodes with annotations " + o.annotationSelector
	}
	logf("started (stand-in for kwok v0.8.0): managing %s; stages %s; pod CIDR %s; node lease %ds",
		mode, stageList(o.stages), o.cidr, o.leaseSeconds)
	for i := 0; i < workers; i++ {
		go wait.Until(func() { runWorker(ctx, c.nodeQueue, "node", c.syncNode) }, time.Second, ctx.Done())
		go wait.Until(func() { runWorker(ctx, c.podQueue, "pod", c.syncPod) }, time.Second, ctx.Done())
	}
	go c.heartbeatLoop(ctx)
	<-ctx.Done()
}

func (c *controller) requeuePodsOn(obj interface{}) {
	n, ok := obj.(*corev1.Node)
	if !ok || !c.managed(n) {
		return
	}
	pods, _ := c.pods.ByIndex("node", n.Name)
	for _, p := range pods {
		if key, err := cache.MetaNamespaceKeyFunc(p); err == nil {
			c.podQueue.Add(key)
		}
	}
}

func stageList(stages map[string]bool) string {
	var names []string
	for _, s := range knownStages {
		if stages[s] {
			names = append(names, s)
		}
	}
	return strings.Join(names, ",")
}
