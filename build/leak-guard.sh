#!/usr/bin/env bash
# The suite's clean-up guard. `snapshot FILE` records the host's kernel settings before the tests;
# `check FILE` afterwards fails (exit 1) naming every leak: a container, network or volume labelled
# for tests (io.ksail.test=true), an anonymous volume no container uses that was not there before
# (a container removed without its volumes: anonymous volumes carry no labels), a test-bed process
# still running on the host, or a kernel setting that changed (kubelet writes some host-wide; the
# test bed must not). Leaked Docker resources are
# removed after they are reported, so one bad run does not poison the next.
set -uo pipefail

label=io.ksail.test=true
settings=(vm.overcommit_memory kernel.panic kernel.panic_on_oops net.netfilter.nf_conntrack_max)
processes=(etcd kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy containerd-shim-runc-v2)

kernel_settings() { for s in "${settings[@]}"; do printf '%s=%s\n' "$s" "$(sysctl -n "$s" 2>/dev/null)"; done; }
docker_answers() { command -v docker >/dev/null && timeout 20 docker version >/dev/null 2>&1; }
# Anonymous volumes (64 hex digits) no container uses.
unused_anonymous_volumes() { docker volume ls -q --filter dangling=true | grep -E '^[0-9a-f]{64}$' | sort; }

case "${1:-}" in
  snapshot)
    kernel_settings > "$2"
    if docker_answers; then unused_anonymous_volumes > "$2.volumes"; fi
    ;;
  check)
    leaks=()
    if docker_answers; then
      for c in $(docker ps -aq --filter "label=$label"); do
        leaks+=("container $(docker inspect -f '{{.Name}}' "$c" | sed 's#^/##')")
        docker rm -f -v "$c" >/dev/null 2>&1
      done
      for n in $(docker network ls -q --filter "label=$label"); do
        leaks+=("network $(docker network inspect -f '{{.Name}}' "$n")")
        docker network rm "$n" >/dev/null 2>&1
      done
      for v in $(docker volume ls -q --filter "label=$label"); do
        leaks+=("volume $v")
        docker volume rm -f "$v" >/dev/null 2>&1
      done
      if [ -f "${2:-}.volumes" ]; then
        for v in $(unused_anonymous_volumes | comm -13 "$2.volumes" -); do
          leaks+=("anonymous volume $v (a container removed without its volumes: docker rm -v)")
          docker volume rm -f "$v" >/dev/null 2>&1
        done
      fi
    fi
    for p in "${processes[@]}"; do
      # Process names are cut to 15 characters; match the start of the full command line's program instead.
      if pgrep -f "^(/[^ ]*/)?$p( |\$)" >/dev/null 2>&1; then
        # containerd-shim-runc-v2 also runs for Docker's own containers; count it only with no container left.
        if [ "$p" = containerd-shim-runc-v2 ] && docker_answers && [ -n "$(docker ps -q)" ]; then continue; fi
        leaks+=("process $p (pid $(pgrep -f "^(/[^ ]*/)?$p( |\$)" | tr '\n' ' '| sed 's/ $//'))")
      fi
    done
    if [ -f "${2:-}" ]; then
      while IFS= read -r line; do
        leaks+=("kernel setting changed: $line (before: $(grep "^${line%%=*}=" "$2"))")
      done < <(kernel_settings | grep -vxF -f "$2")
    fi
    if [ ${#leaks[@]} -gt 0 ]; then
      echo "leak guard: the tests left things behind:" >&2
      printf '  - %s\n' "${leaks[@]}" >&2
      exit 1
    fi
    echo "leak guard: nothing left behind" >&2
    ;;
  *)
    echo "usage: $0 snapshot FILE | check FILE" >&2
    exit 2
    ;;
esac
