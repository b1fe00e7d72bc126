#!/usr/bin/env bash
# Prepares a machine (a fresh CI runner or a developer box, Debian 12, root) for the test bed:
# installs Debian's Docker engine and the run-time tools the test bed uses, starts dockerd when no
# daemon answers, and waits until it does. Idempotent: a second run only checks.
#
# Environment:
#   KSAIL_DOCKERD_LOG       dockerd log file (default /var/log/ksail-dockerd.log)
#   KSAIL_DOCKER_WAIT_SECS  how long to wait for the daemon (default 60)
set -euo pipefail

dockerd_log=${KSAIL_DOCKERD_LOG:-/var/log/ksail-dockerd.log}
wait_secs=${KSAIL_DOCKER_WAIT_SECS:-60}
current_step="start"

reported=0
step() { current_step=$1; echo "ci-prepare: $1"; }
die() { echo "ci-prepare: FAILED in step '$current_step': $*" >&2; reported=1; exit 1; }
on_exit() {
  local rc=$?
  if [ "$rc" -ne 0 ] && [ "$reported" != 1 ]; then
    echo "ci-prepare: FAILED in step '$current_step' (exit $rc)" >&2
  fi
}
trap on_exit EXIT

[ "$(id -u)" -eq 0 ] || die "must run as root (installs packages and starts dockerd)"

# Packages the test bed needs at run time (and zsh, for the completion test in a real zsh).
# Build-time packages are installed by testbed.sh build.
packages=(docker.io containerd runc openssl ca-certificates curl iproute2 procps zsh)

step "install packages: ${packages[*]}"
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || die "apt-get update failed"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
  echo "ci-prepare: installed ${missing[*]}"
else
  echo "ci-prepare: all packages already installed"
fi
# PowerShell, for the completion test in a real pwsh: Debian has no package, NuGet serves it as a
# dotnet tool (7.6.10 runs on .NET 10; the newest, 7.7.0, does not install here).
pwsh_version=7.6.10
step "install PowerShell $pwsh_version (dotnet tool) as /usr/local/bin/pwsh"
if [ "$(pwsh -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null)" = "$pwsh_version" ]; then
  echo "ci-prepare: pwsh $pwsh_version already installed"
else
  rm -rf /opt/ksail-tools/pwsh /opt/ksail-tools/.store/powershell
  dotnet tool install --tool-path /opt/ksail-tools PowerShell --version "$pwsh_version" >/dev/null \
    || die "dotnet tool install PowerShell $pwsh_version failed"
  ln -sf /opt/ksail-tools/pwsh /usr/local/bin/pwsh
  echo "ci-prepare: installed pwsh $pwsh_version"
fi

command -v dockerd >/dev/null || die "dockerd not found after installing docker.io"
command -v docker >/dev/null || die "docker client not found after installing docker.io"

daemon_answers() { timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

step "start dockerd"
if daemon_answers; then
  echo "ci-prepare: a Docker daemon already answers"
else
  if pgrep -x dockerd >/dev/null; then
    echo "ci-prepare: dockerd is running but does not answer yet; waiting for it"
  else
    # containerd comes with the package; dockerd starts its own when none runs.
    mkdir -p "$(dirname "$dockerd_log")"
    nohup dockerd >>"$dockerd_log" 2>&1 </dev/null &
    echo "ci-prepare: started dockerd (pid $!), log: $dockerd_log"
  fi
fi

step "wait for /var/run/docker.sock and 'docker version' (up to ${wait_secs}s)"
deadline=$((SECONDS + wait_secs))
until [ -S /var/run/docker.sock ] && daemon_answers; do
  if [ $SECONDS -ge $deadline ]; then
    echo "ci-prepare: last lines of $dockerd_log:" >&2
    tail -n 30 "$dockerd_log" >&2 2>/dev/null || true
    [ -S /var/run/docker.sock ] || die "/var/run/docker.sock did not appear within ${wait_secs}s"
    die "'docker version' did not answer within ${wait_secs}s"
  fi
  if [ -f "$dockerd_log" ] && ! pgrep -x dockerd >/dev/null; then
    tail -n 30 "$dockerd_log" >&2 2>/dev/null || true
    die "dockerd exited (see $dockerd_log)"
  fi
  sleep 0.5
done

step "check the engine"
server=$(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})') \
  || die "'docker version' failed"
echo "ci-prepare: Docker engine $server is ready"
