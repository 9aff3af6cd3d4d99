#!/usr/bin/env bash
# Runs every test of VirtuOps on a fresh machine: the generated-files check, all .NET test projects
# (unit, functional, integration, architecture and browser tests in Debian's Chromium) and the ClientApp's
# Vitest suite. The last line is always "N passed, M failed"; the exit code is 0 only when M is 0.
set -uo pipefail
cd "$(dirname "$0")"

results="$PWD/.test-results"
rm -rf "$results" && mkdir -p "$results"
passed=0
failed=0

step() { printf '\n==> %s\n' "$*"; }
finish() {
  echo
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ]; then
  step "Installing Debian's chromium for the browser tests"
  as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null \
    || echo "chromium could not be installed: the browser tests will fail"
fi

step "Restoring tools and front-end packages"
dotnet tool restore >/dev/null || { failed=$((failed + 1)); finish; }
(cd ClientApp && npm ci --no-audit --no-fund --loglevel=error) || { failed=$((failed + 1)); finish; }

step "Building (regenerates the OpenAPI document, the TypeScript client and the SPA)"
dotnet build CleanArch.sln -nologo -clp:ErrorsOnly || { failed=$((failed + 1)); finish; }

step "Checking that the committed OpenAPI document and TypeScript client match the build"
generated=(WebApi/openapi ClientApp/src/api/generated)
if [ -z "$(git status --porcelain -- "${generated[@]}")" ]; then
  passed=$((passed + 1))
else
  git status --porcelain -- "${generated[@]}"
  git --no-pager diff --stat -- "${generated[@]}"
  echo "FAILED: a fresh build changed the generated API files; commit them."
  failed=$((failed + 1))
fi

step ".NET tests"
dotnet test CleanArch.sln --no-build -nologo --logger trx --results-directory "$results/dotnet"
dotnet_exit=$?
dotnet_failed=0
for trx in "$results"/dotnet/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")
  f=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
  passed=$((passed + p))
  dotnet_failed=$((dotnet_failed + f))
done
# A crashed test host can fail the run without a failed test in any report.
if [ "$dotnet_exit" -ne 0 ] && [ "$dotnet_failed" -eq 0 ]; then dotnet_failed=1; fi
failed=$((failed + dotnet_failed))

step "ClientApp tests (Vitest)"
(cd ClientApp && npx vitest run --reporter=default --reporter=json --outputFile="$results/vitest.json")
vitest_exit=$?
if [ -f "$results/vitest.json" ]; then
  read -r p f < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTests||0))' "$results/vitest.json")
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$vitest_exit" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
else
  failed=$((failed + 1))
fi

finish
