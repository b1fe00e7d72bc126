#!/usr/bin/env bash
# Regenerates schemas/ksail.schema.json from the model (the tests fail while the copy is stale).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project src/KSail.Cli -v q -- project schema > schemas/ksail.schema.json
echo "wrote schemas/ksail.schema.json"
