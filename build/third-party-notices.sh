#!/usr/bin/env bash
# Writes THIRD-PARTY-NOTICES.txt (or, with --check, checks it is current) from the packages the
# ksail tool redistributes: builds src/KSail.Cli, reads its ksail.deps.json, and takes each
# package's licence from the NuGet package folder the build restored into.
set -euo pipefail
cd "$(dirname "$0")/.."
packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}
dotnet build src/KSail.Cli -c Release -v quiet -nologo >/dev/null
dotnet run --project build/third-party-notices -v quiet -- src/KSail.Cli/bin/Release/net10.0/ksail.deps.json "$packages" "$PWD" "$@"
