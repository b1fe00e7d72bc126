#!/usr/bin/env bash
# Writes the surfaces generated from the field table (ClusterFields.All in
# src/KSail.Core/Configuration/ClusterFields.cs), or, with --check, checks they are current:
# Cake's and NUKE's KSailClusterSettings.Generated.cs and KSailClusterSettingsExtensions.Generated.cs,
# and KSail.Build.Tasks' build/KSail.Build.Tasks.Fields.Generated.targets. The CLI reads the table
# itself. Run it after changing the table; a test (KSail.Cli.Tests, ClusterFieldSurfacesTests)
# compares the committed files with what the table gives.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project build/cluster-fields -v quiet -- "$PWD" "$@"
