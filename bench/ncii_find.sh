#!/usr/bin/env bash
# Speed of `vigie ncii find` against the peer, Meta's PDQ (the `pdqhash` package, C++,
# with Pillow decoding) hashing and comparing the same pictures in the same run.
# Usage: bench/ncii_find.sh [COUNT] [WIDTH]   (default 1000 pictures of 1600 px)
# Needs Python with numpy, pillow and pdqhash: VIGIE_PDQ_PYTHON, else target/pdq-venv
# (.ci/run makes it).
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000}
WIDTH=${2:-1600}
PY=${VIGIE_PDQ_PYTHON:-target/pdq-venv/bin/python}
[ -x "$PY" ] || { echo "needs $PY (numpy, pillow, pdqhash): run .ci/run once, or set VIGIE_PDQ_PYTHON" >&2; exit 2; }
cargo build -q --release -p vigie
WORK=$(mktemp -d /tmp/vigie-ncii-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export VIGIE_PASSPHRASE=bench VIGIE_DATA_DIR="$WORK/data"
echo "== generating $COUNT photo-like JPEG pictures of ${WIDTH} px (and 5 copies of the sensitive one)"
"$PY" - "$WORK" "$COUNT" "$WIDTH" <<'PY'
import sys, os, numpy as np
from PIL import Image, ImageFilter
work, count, width = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
height = width * 3 // 4
rng = np.random.default_rng(7)
def picture():
    # Smooth noise at several scales, stronger at large ones (1/f, like photographs).
    img = np.zeros((height, width, 3), np.float32)
    for s in (3, 6, 12, 24, 48, 96):
        for c in range(3):
            small = rng.normal(0, 90 / s ** 0.5, (max(2, s * 3 // 4), s)).astype(np.float32)
            img[:, :, c] += np.asarray(Image.fromarray(small, mode="F").resize((width, height), Image.BICUBIC))
    return Image.fromarray(np.clip(img + 128, 0, 255).astype(np.uint8))
os.makedirs(f"{work}/in", exist_ok=True)
os.makedirs(f"{work}/seized", exist_ok=True)
target = picture()
target.save(f"{work}/in/sensitive.jpg", quality=92)
for n in range(count):
    picture().save(f"{work}/seized/IMG_{n:05}.jpg", quality=85)
for n, s in enumerate((0.9, 0.7, 0.5, 0.35, 0.25)):
    target.resize((int(width * s), int(height * s)), Image.BILINEAR).save(f"{work}/seized/copy-{n}.jpg", quality=75)
PY
FILES=$((COUNT + 5))
target/release/vigie ncii add --case BENCH --sensitive "$WORK/in/sensitive.jpg" >/dev/null 2>&1
echo "== vigie ncii find ($(nproc) threads)"
start=$(date +%s.%N)
set +e; target/release/vigie --lang en ncii find --case BENCH "$WORK/seized" --format json > "$WORK/vigie.json"; set -e
vigie_s=$(echo "$(date +%s.%N) - $start" | bc)
vigie_found=$("$PY" -c "import json,sys; print(len(json.load(open(sys.argv[1]))['matches']))" "$WORK/vigie.json")
echo "== peer: pdqhash + Pillow, $(nproc) processes"
peer=$("$PY" - "$WORK" <<'PY'
import sys, os, time, numpy as np, pdqhash
from multiprocessing import Pool
from PIL import Image
work = sys.argv[1]
def h(p):
    v, q = pdqhash.compute(np.asarray(Image.open(p).convert("RGB")))
    return v
target = h(f"{work}/in/sensitive.jpg")
files = sorted(os.path.join(f"{work}/seized", f) for f in os.listdir(f"{work}/seized"))
start = time.time()
with Pool(os.cpu_count()) as pool:
    hashes = pool.map(h, files, chunksize=8)
found = sum(int((target != x).sum()) <= 31 for x in hashes)
print(f"{time.time() - start:.3f} {found}")
PY
)
peer_s=${peer% *}; peer_found=${peer#* }
printf "%-28s %8s s  %6s pictures/min  found %s of 5\n" "vigie ncii find" "$vigie_s" "$(echo "$FILES * 60 / $vigie_s" | bc)" "$vigie_found"
printf "%-28s %8s s  %6s pictures/min  found %s of 5\n" "pdqhash + Pillow (peer)" "$peer_s" "$(echo "$FILES * 60 / $peer_s" | bc)" "$peer_found"
echo "ratio (peer time / vigie time): $(echo "scale=2; $peer_s / $vigie_s" | bc)"
