#!/usr/bin/env bash
# The integration contract's tools, pinned: validators and linters of openapi.yaml, and the two
# generated clients. Everything installs under target/contract-tools (nothing outside the repo).
#   bash clients/generate.sh          regenerate clients/typescript and clients/python
#   bash clients/generate.sh --check  lint openapi.yaml (0 errors) and fail when a client
#                                     regenerated from it differs from the committed one
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS=$PWD/target/contract-tools
mkdir -p "$TOOLS"

if [ ! -x "$TOOLS/venv/bin/openapi-python-client" ]; then
  python3 -m venv "$TOOLS/venv"
  "$TOOLS/venv/bin/pip" install -q --disable-pip-version-check \
    openapi-python-client==0.29.1 openapi-spec-validator==0.9.0 \
    httpx==0.28.1 attrs==26.1.0 python-dateutil==2.9.0.post0
fi
if [ ! -x "$TOOLS/node/node_modules/.bin/openapi-typescript" ]; then
  mkdir -p "$TOOLS/node"
  (cd "$TOOLS/node" && echo '{"private": true}' > package.json &&
    npm install -q --no-audit --no-fund --no-update-notifier \
      openapi-typescript@7.13.0 openapi-fetch@0.17.0 typescript@5.9.3 @types/node@20.19.0 \
      @redocly/cli@2.77.0 @stoplight/spectral-cli@6.16.3 >/dev/null)
fi
BIN=$TOOLS/node/node_modules/.bin
# The Python generator formats its output with ruff (its own dependency, in the venv): on PATH
# here, so the output does not depend on whether a ruff happens to be installed elsewhere.
export PATH="$TOOLS/venv/bin:$PATH"

generate() { # into $1
  local out=$1
  mkdir -p "$out/typescript/src" "$out/python"
  "$BIN/openapi-typescript" openapi.yaml -o "$out/typescript/src/schema.d.ts" >/dev/null
  "$TOOLS/venv/bin/openapi-python-client" generate --path openapi.yaml --meta none \
    --config clients/python/generator.yaml --output-path "$out/python/doorstep_client" \
    --overwrite >/dev/null 2>"$TOOLS/python-generator.log" || {
      cat "$TOOLS/python-generator.log"; exit 1; }
  rm -rf "$out/python/doorstep_client/.ruff_cache"
}

if [ "${1:-}" = "--check" ]; then
  echo "-- openapi-spec-validator"
  "$TOOLS/venv/bin/openapi-spec-validator" openapi.yaml
  echo "-- Redocly (recommended ruleset, clients/redocly.yaml)"
  # 0 errors and 0 warnings: a warning kept on purpose is switched off, with its reason, in
  # the ruleset file.
  lint=$(NO_UPDATE_NOTIFIER=1 "$BIN/redocly" lint openapi.yaml --config clients/redocly.yaml \
    --format=summary 2>&1) || { echo "$lint"; exit 1; }
  echo "$lint" | grep -v -e '^ *║' -e '^ *╔' -e '^ *╚' -e '^$'
  if echo "$lint" | grep -q '^warning'; then echo "Redocly warns: see above" >&2; exit 1; fi
  echo "-- Spectral (spectral:oas, clients/spectral.yaml)"
  "$BIN/spectral" lint openapi.yaml -r clients/spectral.yaml --fail-severity warn
  echo "-- the generated clients are those of openapi.yaml"
  fresh=$(mktemp -d)
  generate "$fresh"
  diff -ru "$fresh/typescript/src/schema.d.ts" clients/typescript/src/schema.d.ts
  diff -ru --exclude=__pycache__ "$fresh/python/doorstep_client" clients/python/doorstep_client
  rm -rf "$fresh"
  echo "-- tsc --strict on the TypeScript client and its example"
  ln -sfn "$TOOLS/node/node_modules" clients/typescript/node_modules
  "$BIN/tsc" -p clients/typescript/tsconfig.json --outDir clients/typescript/dist
  echo "contract: clean"
else
  generate clients
fi
