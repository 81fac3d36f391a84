#!/usr/bin/env bash
# Photo uploads alone: a real 12 MP phone photo, 4 connections (bench/photo_step.sh).
# Usage: bash bench/photos.sh             (PostgreSQL)
#        BACKEND=sqlite bash bench/photos.sh
# Knobs: PHOTO_SECONDS (10), BIN (a doorstep binary to measure instead of building one).
set -euo pipefail
cd "$(dirname "$0")/.."
PG_ADMIN=${PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}
SHIPMENTS=${SHIPMENTS:-64}
PORT=${PORT:-18182}
DB=doorstep_bench_photos
BASE=${PG_ADMIN%/*}
B=http://127.0.0.1:$PORT
WORK=$(mktemp -d)
trap 'kill ${SERVER:-} 2>/dev/null || true; rm -rf "$WORK"; rm -f bench/.tokens bench/.seed bench/.seed_drivers' EXIT
source bench/lib.sh
echo "== photos: a real 12 MP JPEG (3.0 MB), 4 connections, ${PHOTO_SECONDS:-10} s"
source bench/photo_step.sh
echo "photo uploads: $PHOTOS/s ($(python3 -c "print(round($PHOTOS * 3.03, 1))") MB/s), every one answered 2xx"
