# Sourced by bench/run.sh and bench/photos.sh, with the server up and the seed written: uploads
# of a real 12 MP phone photo (bench/photo_gen.py: 4032x3024, 3.0 MB, the same bytes each run)
# from 4 connections for PHOTO_SECONDS (10), through the whole path (auth, the attempt's check,
# the decode that proves it is a photo, the served copy, both objects stored, the verdict).
# Sets PHOTOS (uploads/s); exits non-zero when any upload was not answered 2xx.
PHOTO_SECONDS=${PHOTO_SECONDS:-10}
python3 -c "import PIL" 2>/dev/null || python3 -m pip install -q pillow
python3 bench/photo_gen.py bench/.photo.jpg
# Enough attempts for 60 uploads a second, nine photos each (an attempt holds ten).
NEEDED=$(( PHOTO_SECONDS * 60 / 9 + 16 ))
NOW=$(date -u +%FT%TZ)
echo "$DRIVER" > bench/.photo_attempts
mapfile -t SHIPS < <(sed -n '2,$p' bench/.seed)
for i in $(seq 1 "$NEEDED"); do
  ID=${SHIPS[$(( i % ${#SHIPS[@]} ))]}
  json $B/v1/shipments/$ID/attempts -H "authorization: Bearer $DRIVER" -H "Idempotency-Key: photo-$i-$(date +%s%N)" \
    -d "{\"outcome\":\"failed\",\"failure_reason\":\"no_access\",\"occurred_at\":\"$NOW\"}" | jq -r .id >> bench/.photo_attempts
done
wrk -t2 -c4 -d"${PHOTO_SECONDS}s" --latency -s bench/photos.lua $B | tee "$WORK/photos.txt"
PHOTOS=$(awk '/Requests\/sec/ {print $2}' "$WORK/photos.txt")
BAD=$(awk '/non-2xx responses/ {print $3}' "$WORK/photos.txt")
rm -f bench/.photo_attempts bench/.photo.jpg
if [ "${BAD:-1}" != 0 ]; then
  echo "photo uploads FAILED: $BAD answers were not 2xx (see the server log: $WORK/server.log)" >&2
  exit 1
fi
