#!/usr/bin/env bash
# Create the SynthTIGER peer's own venv (it needs numpy<2 and pillow<10, which the
# project's .venv cannot have) and install an exact, tested set of packages into it.
#
#   bench/peers/synthtiger/setup.sh            # idempotent: a no-op when already set up
#   PYTHON=python3.11 SYNTHTIGER_VENV=/some/where bench/peers/synthtiger/setup.sh
#
# Installed with --no-deps from this list, so nothing floats. Deliberate departures from
# synthtiger/imgaug's declared requirements, none of them imported on the code paths used:
#   - opencv-python-headless instead of opencv-python (no libGL / GUI needed);
#   - pygame (declared by synthtiger 1.2.1, never imported) and matplotlib (imgaug only
#     imports it inside imshow helpers) are left out.
# opencv 4.11.0.86 is the last wheel that accepts numpy<2; scikit-image 0.24.0 the last
# that accepts pillow<10.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
VENV="${SYNTHTIGER_VENV:-$ROOT/.peers/synthtiger-venv}"
PYTHON="${PYTHON:-python3}"

PINS=(
  synthtiger==1.2.1
  imgaug==0.4.0
  numpy==1.26.4
  pillow==9.5.0
  opencv-python-headless==4.11.0.86
  scipy==1.17.1
  scikit-image==0.24.0
  imageio==2.38.1
  tifffile==2026.3.3
  networkx==3.6.1
  lazy-loader==0.6
  packaging==26.3
  shapely==2.2.0
  six==1.17.0
  arabic-reshaper==3.1.0
  python-bidi==0.6.12
  blend-modes==2.2.0
  fonttools==4.68.0
  pytweening==1.2.0
  pyyaml==6.0.3
  regex==2026.11.15
)
STAMP="$VENV/.unisynth-peer-pins"
WANTED="$(printf '%s\n' "${PINS[@]}")"

if [[ -x "$VENV/bin/python" && -f "$STAMP" && "$(cat "$STAMP")" == "$WANTED" ]]; then
  echo "synthtiger peer: venv already set up at $VENV (synthtiger 1.2.1, ${#PINS[@]} pinned packages)"
  exit 0
fi

if ! command -v "$PYTHON" >/dev/null; then
  echo "synthtiger peer: '$PYTHON' not found; set PYTHON to a Python 3.9-3.12 interpreter" >&2
  exit 1
fi
# numpy 1.26.4 ships wheels for CPython 3.9-3.12 only.
if ! "$PYTHON" -c 'import sys; sys.exit(not (3, 9) <= sys.version_info[:2] <= (3, 12))'; then
  echo "synthtiger peer: $("$PYTHON" -V 2>&1) is not supported; numpy 1.26.4 needs Python 3.9-3.12 (set PYTHON)" >&2
  exit 1
fi

echo "synthtiger peer: creating venv at $VENV with $("$PYTHON" -V 2>&1)"
"$PYTHON" -m venv --clear "$VENV"
echo "synthtiger peer: installing ${#PINS[@]} pinned packages (--no-deps)"
# pip's "Location ... is ignored" notices about absent local indexes are noise here.
if ! "$VENV/bin/pip" install --quiet --no-deps --disable-pip-version-check "${PINS[@]}" \
    2> >(grep -v "is ignored: it is neither a file nor a directory" >&2); then
  echo "synthtiger peer: pip install failed (no network or no package index?); venv left incomplete at $VENV" >&2
  exit 1
fi
"$VENV/bin/python" -c 'import cv2, imgaug, numpy, PIL, synthtiger; print(
    f"synthtiger peer: import check ok: synthtiger {synthtiger.__version__}, numpy {numpy.__version__}, "
    f"pillow {PIL.__version__}, opencv {cv2.__version__}, imgaug {imgaug.__version__}")'
printf '%s' "$WANTED" > "$STAMP"
echo "synthtiger peer: done"
