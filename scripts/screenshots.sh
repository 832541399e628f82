#!/usr/bin/env bash
# Screenshots of the terminal UI for the README: runs a built `ecm` (it builds nothing) on a
# demo store in tmux, drives it by keys to each view, captures the screen with its colours,
# turns it into HTML (aha) and renders that with headless Chromium into screenshots/NAME.png.
#
#   scripts/screenshots.sh [path/to/ecm]        (default .build/debug/ecm)
#
# Installs what it needs if missing (Debian): aha, chromium, tmux, fonts-dejavu-core (box
# drawing), fonts-wqy-microhei (CJK and Hangul).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
ecm="$(realpath "${1:-$root/.build/debug/ecm}")"
out="$root/screenshots"
[ -x "$ecm" ] || { echo "screenshots.sh: no ecm binary at $ecm (swift build first)" >&2; exit 2; }

packages=(aha chromium tmux fonts-dejavu-core fonts-wqy-microhei)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

work="$(mktemp -d)"
socket="ecm-screenshots-$$"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset TMUX
t() { tmux -u -L "$socket" -f /dev/null "$@"; }
# Ends the tmux server and removes its socket (tmux leaves it behind).
stop() {
  t kill-server >/dev/null 2>&1 || true
  rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$socket"
}
cleanup() {
  stop
  rm -rf "$work"
}
trap cleanup EXIT

store="$work/demo.sqlite"
HOME="$work" "$ecm" --store "$store" demo-data --patients 60 --seed 3 >/dev/null 2>&1
mkdir -p "$out"

# The UI in a fresh tmux server of its own, COLUMNS×ROWS (times in UTC, colours on).
start() {
  stop
  socket="ecm-screenshots-$$-$1x$2"
  t new-session -d -s ui -x "$1" -y "$2" \
    "env -u NO_COLOR TERM=xterm-256color TZ=America/Los_Angeles HOME='$work' XDG_STATE_HOME='$work/state' '$ecm' --store '$store'; sleep 600"
}

screen() { t capture-pane -p -t ui; }
keys() { t send-keys -t ui "$@"; }

# Waits (up to 10 s) until the screen shows TEXT.
wait_for() {
  for _ in $(seq 200); do
    screen | grep -qF -- "$1" && return 0
    sleep 0.05
  done
  echo "screenshots.sh: timed out waiting for '$1'; the screen was:" >&2
  screen >&2
  exit 1
}

# Waits until the screen (but the status line, with its spinner and clock) stops changing.
settle() {
  local previous="" current
  for _ in $(seq 100); do
    sleep 0.15
    current="$(screen | head -n -1)"
    [ "$current" = "$previous" ] && return 0
    previous="$current"
  done
}

wide='[\p{East_Asian_Width=Wide}\p{East_Asian_Width=Fullwidth}]'

# shot NAME COLUMNS ROWS: the screen as screenshots/NAME.png, a terminal cell being one glyph of
# DejaVu Sans Mono at 12 px (1233/2048 em wide) by 15 px, so the image is exactly the terminal.
font_px=12
line_px=15
shot() {
  local name="$1" columns="$2" rows="$3"
  settle
  local html="$work/$name.html"
  cat >"$html" <<EOF
<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>
html, body { margin: 0; padding: 0; background: #000; overflow: hidden; }
pre {
  margin: 0; padding: 0; color: #d0d0d0; background: #000;
  font-family: "DejaVu Sans Mono", "WenQuanYi Micro Hei Mono", monospace;
  font-size: ${font_px}px; line-height: ${line_px}px; height: $((rows * line_px))px;
  font-variant-ligatures: none; font-kerning: none;
}
/* Every run fills its cells' full height, as a terminal paints backgrounds. */
pre span { display: inline-block; height: ${line_px}px; vertical-align: top; }
/* Wide characters (CJK, Hangul, emoji) take exactly two cells whatever font draws them. */
pre span.w { width: 2ch; text-align: center; overflow: hidden; font-family: "WenQuanYi Micro Hei Mono", monospace; }
/* Box-drawing glyphs are a little shorter than the line: stretched, borders join up. */
pre span.b { transform: scaleY(1.12); }
</style></head><body><pre>
EOF
  # tmux leaves out the blank cells at the end of a line even when they have a background (the
  # title and status bars): pad every line to the full width so they keep it. Each line ends
  # with a reset and the next starts with the colours in force, so no HTML span spans lines.
  t capture-pane -p -e -t ui \
    | perl -CSD -ne 'BEGIN { $carry = "" } chomp; my $line = $carry . $_;
        $carry = ""; for ($line =~ /(\e\[[0-9;:]*m)/g) { $carry = /^\e\[0?m$/ ? "" : $carry . $_ }
        (my $plain = $line) =~ s/\e\[[0-9;:]*m//g;
        my $wide = () = $plain =~ /'"$wide"'/g;
        print $line, " " x ('"$columns"' - length($plain) - $wide), "\e[0m\n"' \
    | aha --no-header --black \
    | perl -CSD -pe 's{('"$wide"')}{<span class="w">$1</span>}g; s{([\x{2500}-\x{257F}]+)}{<span class="b">$1</span>}g' >>"$html"
  echo "</pre></body></html>" >>"$html"
  local width height
  width="$(perl -e "use POSIX; print POSIX::ceil($columns * $font_px * 1233 / 2048)")"
  height=$((rows * line_px))
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --screenshot="$out/$name.png" --window-size="$width,$height" "file://$html" >/dev/null 2>&1
  echo "screenshots/$name.png  ${width}×${height}  $(($(stat -c %s "$out/$name.png") / 1024)) KB"
}

# The main view at 160×48: patients, a timeline, and an activity's detail, comments, subtasks.
start 160 48
wait_for "Patients 1/60"
keys j j j
wait_for "Patients 4/60"
keys Enter
wait_for "Timeline ·"
# Down the timeline to an activity with comments.
for _ in $(seq 40); do
  settle
  screen | grep -qE "Comments [1-9]" && break
  keys j
done
shot main 160 48

# Further down, a task with subtasks, its detail focused.
for _ in $(seq 60); do
  screen | grep -qE "Subtasks [0-9]+/[1-9]" && break
  keys j
  settle
done
keys Enter
settle
shot detail 160 48

keys ?
wait_for "Keys —"
shot help 160 48
keys Escape
settle

keys 2
keys n
wait_for "New activity"
keys t
wait_for "New task"
shot new-task 160 48
keys Escape
wait_for "Nothing was saved"

keys m
wait_for "My queue"
shot queue 160 48

# A patient with a CJK name, at the minimum size: the timeline zooms in.
start 80 24
wait_for "Patients 1/60"
keys /
wait_for "Search patients:"
keys -l "王"
wait_for "Patients 1/2 /王"
keys Enter
settle
keys Enter
wait_for "Timeline ·"
keys j j
shot timeline-80x24 80 24

# Triage at speed at 160×48: five queue items marked, then completed in one batch.
start 160 48
wait_for "Patients 1/60"
keys m
wait_for "My queue 1/"
settle
keys Space Space j Space Space Space
wait_for "5 marked"
shot marked 160 48
keys x
wait_for "Complete "
keys y
wait_for "Esc, Enter or q closes"
shot batch-report 160 48

# New for me at 160×48: a colleague hands four of their open items over after the first look;
# the title bar counts them, m shows them first marked NEW; one more arrives while looking.
start 160 48
wait_for "Patients 1/60"
settle
handover() {
  HOME="$work" "$ecm" --store "$store" --as 2 queue --json --page-size "$1" \
    | python3 -c 'import json,sys; [print(a["patient_id"], a["id"]) for a in json.load(sys.stdin)["activities"]]' \
    | while read -r patient id; do
        HOME="$work" "$ecm" --store "$store" --as 2 activities update --patient "$patient" "$id" --assigned-to 1 >/dev/null
      done
}
handover 4
keys r
wait_for "4 new · m"
keys m
wait_for "NEW"
handover 1
keys r
wait_for "1 new · m"
settle
shot new-for-me 160 48

# An overlay's own keys (F1), drawn from its binding table, over the form at 80×24.
start 80 24
wait_for "Patients 1/60"
keys Enter
wait_for "Timeline ·"
keys n t
wait_for "New task"
keys F1
wait_for "Keys — Form"
shot form-keys-80x24 80 24

