#!/usr/bin/env bash
# Drive the real bvtui app in a real terminal (tmux), as a user would.
#
#   tests/tui/tmux_drive.sh STORE LOG
#
# Starts `bvtui STORE` in a detached 160x48 tmux session on a private tmux server
# (its own socket: no other session is touched), presses keys, and writes each
# screen it checks to LOG. Exits non-zero with the screen when a check fails.
# Used by tests/tui/test_tmux.py, which makes the temporary git store.
set -euo pipefail

STORE=$1
LOG=$2
SOCKET="bvtui-test-$$"
SESSION=bvtui
BVTUI=${BVTUI:-bvtui}
T=(tmux -L "$SOCKET")

cleanup() { "${T[@]}" kill-server 2>/dev/null || true; }
trap cleanup EXIT

screen() { "${T[@]}" capture-pane -p -t "$SESSION"; }

# wait_for TEXT [SECONDS]: poll the screen until TEXT shows, or fail.
wait_for() {
    local text=$1 limit=${2:-10} waited=0
    until screen | grep -qF -- "$text"; do
        sleep 0.1
        waited=$((waited + 1))
        if [ "$waited" -ge $((limit * 10)) ]; then
            echo "--- expected: $text" >>"$LOG"
            screen >>"$LOG"
            echo "FAILED waiting for: $text" >&2
            screen >&2
            exit 1
        fi
    done
    { echo "--- ok: $text"; screen; } >>"$LOG"
}

keys() { "${T[@]}" send-keys -t "$SESSION" "$@"; sleep 0.3; }
type_text() { "${T[@]}" send-keys -t "$SESSION" -l "$1"; sleep 0.3; }

: >"$LOG"
"${T[@]}" new-session -d -s "$SESSION" -x 160 -y 48 \
    "$BVTUI $STORE --as-of 2017-09-29; echo BVTUI-EXITED; sleep 5"

wait_for "10 of 10 actions"
wait_for "elections-demo/1.10"

keys r
wait_for "Filters: RAG: red   2 of 10 actions"
keys x
wait_for "No filters   10 of 10 actions"

keys /
type_text "xpress"
wait_for "search: xpress   1 of 10 actions"
keys Escape
sleep 0.3

keys d
wait_for "Overall status: 1 action of 10"
keys Escape
sleep 0.3
keys x
wait_for "No filters   10 of 10 actions"

keys Home
keys Down
keys e
wait_for "Edit elections-demo/1.3"
keys Tab
keys C-u
type_text "45"
keys C-s
wait_for "committed"
wait_for "45%"

keys q
wait_for "BVTUI-EXITED"
