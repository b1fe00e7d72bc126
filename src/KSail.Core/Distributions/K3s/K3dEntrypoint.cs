using System.Text;
using KSail.Core.Providers.Docker;

namespace KSail.Core.Distributions.K3s;

/// <summary>
/// k3d's node entry point and its fix scripts (k3d v5.9: <c>pkg/client/node.go</c> <c>enableFixes</c>,
/// <c>pkg/types/fixes/</c>, <c>pkg/runtimes/docker/translate.go:70-76</c>; FIDELITY D4, D5, D6): when
/// any fix is on, a server or agent starts <see cref="Path"/> instead of the image's entry point
/// (Docker's init stays PID 1); it runs every <c>/bin/k3d-entrypoint-*.sh</c> written before the node
/// starts, logging to <c>/var/log/k3d-entrypoints_&lt;time&gt;.log</c>, then k3s with the node's command.
/// A server uncordons itself once its API answers and drains itself when the node is stopped, as
/// k3d's does. The scripts are KSail.NET's own, written to behave as k3d's.
/// </summary>
internal static class K3dEntrypoint
{
    /// <summary>The entry point k3d gives its nodes.</summary>
    public const string Path = "/bin/k3d-entrypoint.sh";

    /// <summary>The cgroup v2 fix's script.</summary>
    public const string CgroupV2Path = "/bin/k3d-entrypoint-cgroupv2.sh";

    /// <summary>The DNS fix's script.</summary>
    public const string DnsPath = "/bin/k3d-entrypoint-dns.sh";

    /// <summary>The mounts fix's script.</summary>
    public const string MountsPath = "/bin/k3d-entrypoint-mounts.sh";

    /// <summary>k3d's name of the host in every server and agent: Docker's host gateway (<c>--add-host host.k3d.internal:host-gateway</c>, as k3d's tools node resolves it).</summary>
    public const string HostRecord = "host.k3d.internal";

    // 0744, as k3d writes them.
    private const int Mode = 484;

    /// <summary>
    /// The files a server or agent gets before it starts: nothing without a fix, else the entry point
    /// and one script per fix that is on. <paramref name="gatewayFromHosts"/>: the DNS fix takes the
    /// host gateway from the node's <c>/etc/hosts</c> entry for <see cref="HostRecord"/> (Docker
    /// Desktop, where k3d resolves that name) instead of the network's gateway (the default route).
    /// </summary>
    public static IReadOnlyList<ContainerFile> Files(K3dFixes fixes, bool gatewayFromHosts)
    {
        if (!fixes.Any)
        {
            return [];
        }

        var files = new List<ContainerFile> { File(Path, Main) };
        if (fixes.Dns)
        {
            files.Add(File(DnsPath, Dns.Replace("@GATEWAY_FROM@", gatewayFromHosts ? "hosts" : "route", StringComparison.Ordinal)));
        }

        if (fixes.CgroupV2)
        {
            files.Add(File(CgroupV2Path, CgroupV2));
        }

        if (fixes.Mounts)
        {
            files.Add(File(MountsPath, Mounts));
        }

        return files;
    }

    private static ContainerFile File(string path, string script) => new(path, Encoding.UTF8.GetBytes(script.ReplaceLineEndings("\n")), Mode);

    private const string Main = """
        #!/bin/sh
        # KSail.NET's k3d node entry point (behaves as k3d v5.9's k3d-entrypoint.sh): runs the fixes
        # written next to it, then k3s with this container's command; Docker's init stays PID 1.
        set -eu

        log="/var/log/k3d-entrypoints_$(date +%y%m%d%H%M%S).log"
        : >>"$log"
        echo "[$(date -Iseconds)] running the k3d fixes" >>"$log"
        for fix in /bin/k3d-entrypoint-*.sh; do
          [ -f "$fix" ] || continue
          echo "[$(date -Iseconds)] $fix" >>"$log"
          if ! "$fix" >>"$log" 2>&1; then
            echo "k3d entry point: $fix failed; see $log in this node; its last lines:" >&2
            tail -n 20 "$log" >&2
            exit 1
          fi
        done
        echo "[$(date -Iseconds)] k3d fixes done" >>"$log"

        role=${1:-}
        node=${HOSTNAME:-$(cat /etc/hostname)}
        /bin/k3s "$@" &
        k3s=$!

        # On stop: a server drains itself first (agents have no kubeconfig), then k3s gets SIGTERM
        # and the entry point ends with it.
        stop() {
          if [ "$role" = server ]; then
            echo "draining node $node"
            kubectl drain "$node" --force --delete-emptydir-data --ignore-daemonsets --disable-eviction || echo "draining node $node failed"
          fi
          echo "stopping k3s"
          kill -TERM "$k3s" 2>/dev/null || true
          status=0
          wait "$k3s" || status=$?
          exit "$status"
        }
        trap stop TERM INT QUIT HUP

        # A server drained by an earlier stop takes work again once its API answers.
        if [ "$role" = server ]; then
          until kubectl uncordon "$node"; do sleep 3; done
        fi

        wait "$k3s"

        """;

    private const string CgroupV2 = """
        #!/bin/sh
        # cgroup v2 fix (behaves as k3d v5.9's k3d-entrypoint-cgroupv2.sh): k3s moves the processes out
        # of the root cgroup only when it is PID 1, and here Docker's init is; without this the kubelet
        # cannot create kubepods ("it is in an invalid state").
        set -eu
        root=/sys/fs/cgroup
        if [ ! -f "$root/cgroup.controllers" ]; then
          echo "[$(date -Iseconds)] cgroup v2 fix: not a cgroup v2 node, nothing to do"
          exit 0
        fi

        echo "[$(date -Iseconds)] cgroup v2 fix: moving every process out of the root cgroup"
        mkdir -p "$root/init"
        for pid in $(cat "$root/cgroup.procs"); do
          { echo "$pid" >"$root/init/cgroup.procs"; } 2>/dev/null || true
        done

        enable=""
        for controller in $(cat "$root/cgroup.controllers"); do
          enable="$enable +$controller"
        done
        echo "[$(date -Iseconds)] cgroup v2 fix: enabling${enable} for the cgroups below the root"
        echo "${enable# }" >"$root/cgroup.subtree_control"

        """;

    private const string Dns = """
        #!/bin/sh
        # DNS fix (behaves as k3d v5.9's k3d-entrypoint-dns.sh): Docker's resolver at 127.0.0.11 is
        # reachable only from the node's own network namespace, so k3s would give pods another resolver.
        # Docker's rules for it are moved to the host gateway, for pods' traffic too (PREROUTING), and
        # resolv.conf names the gateway, which CoreDNS forwards to.
        set -eu
        embedded=127.0.0.11
        gateway_from=@GATEWAY_FROM@

        # The gateway from /etc/hosts (Docker's host-gateway, Docker Desktop).
        from_hosts() {
          while read -r address names; do
            for name in $names; do
              if [ "$name" = host.k3d.internal ]; then
                echo "$address"
                return 0
              fi
            done
          done </etc/hosts
          return 1
        }

        # The network's gateway: the default route's, little-endian hex in /proc/net/route.
        from_route() {
          while read -r _ destination hex _; do
            if [ "$destination" = 00000000 ] && [ "$hex" != 00000000 ]; then
              rest=${hex#??}
              high=${rest%????}
              rest=${hex#????}
              low=${rest%??}
              printf '%d.%d.%d.%d\n' "0x${hex#??????}" "0x$low" "0x$high" "0x${hex%??????}"
              return 0
            fi
          done </proc/net/route
          return 1
        }

        if ! gateway=$(from_$gateway_from); then
          echo "[$(date -Iseconds)] DNS fix: no host gateway found (from $gateway_from); set K3D_FIX_DNS=false to start without the fix" >&2
          exit 1
        fi

        echo "[$(date -Iseconds)] DNS fix: the host gateway $gateway takes the place of Docker's resolver $embedded"
        pattern=$(echo "$embedded" | sed 's/\./\\./g')

        # Read the rules, then write them back: one iptables at a time (an image whose iptables picks
        # its backend on first use must not have two first uses at once), waiting for the xtables lock.
        rules=$(iptables-save -t nat)
        rewritten=$(printf '%s\n' "$rules" \
          | sed -e "s/-d $pattern\//-d $gateway\//g" \
            -e "/^-A OUTPUT .*-j DOCKER_OUTPUT\$/{p;s/^-A OUTPUT /-A PREROUTING /;}" \
            -e "s/--to-source :53/--to-source $gateway:53/g")
        tries=0
        until printf '%s\n' "$rewritten" | iptables-restore -w 5; do
          tries=$((tries + 1))
          if [ "$tries" -ge 3 ]; then
            echo "[$(date -Iseconds)] DNS fix: iptables-restore failed $tries times; set K3D_FIX_DNS=false to start without the fix" >&2
            exit 1
          fi
          sleep 1
        done

        if grep -q "$pattern" /etc/resolv.conf; then
          echo "[$(date -Iseconds)] DNS fix: resolv.conf names $gateway (the original is /etc/resolv.conf.original)"
          cp /etc/resolv.conf /etc/resolv.conf.original
          sed "s/$pattern/$gateway/g" /etc/resolv.conf.original >/etc/resolv.conf
        fi

        """;

    private const string Mounts = """
        #!/bin/sh
        # Mounts fix (behaves as k3d v5.9's k3d-entrypoint-mounts.sh): shared mount propagation from the
        # node's root, for volumes mounted Bidirectional or HostToContainer (CSI drivers).
        set -eu
        echo "[$(date -Iseconds)] mounts fix: making / shared, recursively"
        mount --make-rshared /

        """;
}
