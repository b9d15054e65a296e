#!/bin/sh
# train_ner.sh: rebuilds the name model, server/data/ner.model, from CoNLL-2003's training split.
#
#   tests/eval/train_ner.sh [--check] [BUILD_DIR]
#
# Builds byline-train-ner in BUILD_DIR (default: build) and trains with the fixed settings below:
# the same inputs give the same model file, byte for byte (the training is deterministic: a
# fixed shuffle seed, integer perceptron updates, one quantization). --check trains into a
# temporary file and compares it with the committed model instead of replacing it (exit 1 when
# they differ). The data: $CONLL_TRAIN, else ../shared/eval/conll2003/eng.train.conll beside the
# checkout. See docs/entities.md, "Names: the statistical model".
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
check=0
if [ "${1:-}" = "--check" ]; then
  check=1
  shift
fi
build=${1:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
train=${CONLL_TRAIN:-$root/../shared/eval/conll2003/eng.train.conll}
model=$root/server/data/ner.model

# The settings of the committed model. Changing one changes the model: retrain and commit both.
EPOCHS=20
SEED=2003
TITLE_EVERY=8
MIN_Q=1

if [ ! -r "$train" ]; then
  echo "train_ner.sh: cannot read $train (set CONLL_TRAIN)" >&2
  exit 2
fi
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$root" >/dev/null
fi
ninja -C "$build" server/train/byline-train-ner >/dev/null

out=$model
if [ $check = 1 ]; then
  out=$(mktemp "${TMPDIR:-/tmp}/ner.model.XXXXXX")
  trap 'rm -f "$out"' EXIT
fi
"$build/server/train/byline-train-ner" --train "$train" --out "$out" \
  --epochs $EPOCHS --seed $SEED --title-every $TITLE_EVERY --min-q $MIN_Q
sha256sum "$out" | sed "s|$out|$(basename "$out")|"
if [ $check = 1 ]; then
  if cmp -s "$out" "$model"; then
    echo "train_ner.sh: server/data/ner.model is reproduced byte for byte"
  else
    echo "train_ner.sh: server/data/ner.model differs from what this checkout trains" >&2
    exit 1
  fi
fi
