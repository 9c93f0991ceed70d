#!/usr/bin/env bash
# Rebuilds public/fonts/*.woff2, the font of the in-headset panels, from Debian's DejaVu Sans
# (apt-get install fonts-dejavu-core python3-fonttools python3-brotli). The subset keeps Latin,
# Latin Extended (French and other European accents), combining marks (the macron below of Haida
# G̱, in SG̱ang Gwaay and Hlk’yah G̱awG̱a), punctuation (« » ’ — …), arrows and
# symbols: ~60 KB each instead of ~700 KB. Characters outside it fall back to the system's font.
set -euo pipefail
cd "$(dirname "$0")/../.."
SRC=/usr/share/fonts/truetype/dejavu
RANGES="U+0020-007E,U+00A0-017F,U+0192,U+02C6-02DC,U+0300-036F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+2212,U+25A0-25FF,U+2700-27BF"
for f in DejaVuSans DejaVuSans-Bold; do
  /usr/bin/python3 -m fontTools.subset "$SRC/$f.ttf" --unicodes="$RANGES" --flavor=woff2 \
    --layout-features='*' --output-file="public/fonts/$f.woff2"
done
ls -l public/fonts
