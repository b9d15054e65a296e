#!/usr/bin/env bash
# make-pictures.sh: the two pictures of docs/editors.md, from the real server.
#   docs/images/editor-nvim.png    Neovim (Debian's 0.7.2) in tmux: capture-pane -e, turned into
#                                  HTML (ansi-to-html.js) and screenshotted by headless chromium
#   docs/images/editor-vscode.png  a rendering of what the VS Code extension receives
#                                  (vscode-picture.js), screenshotted by headless chromium
# Needs: nvim, tmux, chromium, node; `npm ci` in editors/vscode and tests/clients/vscode.
#   BYLINE=build/server/byline bash docs/images/tools/make-pictures.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
out=$root/docs/images
export BYLINE=$(realpath "${BYLINE:-$root/build/server/byline}")
article=$root/tests/corpus/08-atlas-spain-rail-unbalanced-quote.txt
tmp=$(mktemp -d)
session=byline-picture-$$
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$tmp"' EXIT

shot() { # html png width height
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$3,$4" \
    --screenshot="$2" "file://$1" >/dev/null 2>&1
}

# ---------------------------------------------------------------- Neovim
mkdir -p "$tmp/art" "$tmp/state" "$tmp/data"
cp "$article" "$tmp/art/"
tmux new-session -d -s "$session" -x 124 -y 44 \
  "cd '$tmp/art' && BYLINE='$BYLINE' BYLINE_RTP='$root/editors/nvim' XDG_STATE_HOME='$tmp/state' XDG_DATA_HOME='$tmp/data' \
   nvim -u '$here/nvim-picture.lua' -i NONE '$(basename "$article")'"
keys() { tmux send-keys -t "$session" "$@"; sleep "${WAIT:-0.4}"; }
sleep 2                                   # the server starts and publishes
WAIT=1.5 keys ':BylineLint' Enter         # the findings of `byline lint` in the quickfix list
keys ':cclose | botright copen 5 | wincmd p' Enter
keys ':13' Enter 'zt'                     # paragraph 13 at the top
keys ':23' Enter '0f€' ':echo ""' Enter   # the unclosed quote's paragraph, on €250,000
WAIT=1.5 keys 'K'                         # hover
tmux capture-pane -t "$session" -p -e > "$tmp/nvim.ansi"
node "$here/ansi-to-html.js" "$tmp/nvim.ansi" \
  "Neovim 0.7.2 (Debian 12) with editors/nvim: byline’s diagnostics (sign, underline, virtual text; :BylineLint in the quickfix list) and the hover on €250,000 (K). A tmux capture." \
  > "$tmp/nvim.html"
shot "$tmp/nvim.html" "$out/editor-nvim.png" 1100 800

# ---------------------------------------------------------------- VS Code (a rendering)
node "$here/vscode-picture.js" "$article" 1 27 'Spain’s government' > "$tmp/vscode.html"
shot "$tmp/vscode.html" "$out/editor-vscode.png" 1215 910
echo "wrote $out/editor-nvim.png $out/editor-vscode.png"
