# git-session's git hooks, as shell functions. The line `init` installs in each hook
# sources this file from the project's node_modules and calls
#
#   git_session_hook <hook> [git's arguments]
#
# so upgrading the package upgrades the hooks: nothing of the protocol between git,
# these functions and the binary is ever committed into a repository. Sourced, not run:
# every commit runs three hooks, and a script run as its own program costs each one
# another shell (~4 ms). `git-session-hook`, beside this file, runs the same function
# for hook lines of earlier versions and for a global install.
#
# It runs inside the person's own hook file (husky's `sh -e`, their other commands after
# it), so it defines only names starting git_session_ or gs_, leaves the hook's
# arguments alone, and ends with `return`, never `exit`, unless the hook must fail.
# Plain sh on purpose: the opt-outs below cost no node start.

# The git process running this commit: pid and start time, which both hooks of one
# commit see alike and no other commit can share (a pid alone may be reused). The
# pre-commit hook leaves the trailers under this name; prepare-commit-msg takes only
# the ones of its own commit, so a commit that died never hands its trailers on.
# Sets GIT_SESSION_COMMIT itself rather than printing it: $(...) would fork a shell.
git_session_commit_id() {
  gs_p=$PPID
  # GIT_SESSION_TEST_NO_PROC: tests take the way of a system without /proc, as git's GIT_TEST_* do.
  [ -n "${GIT_SESSION_TEST_NO_PROC:-}" ] && gs_p=0
  while [ "${gs_p:-0}" -gt 1 ] && IFS= read -r gs_st < "/proc/$gs_p/stat"; do
    gs_c=${gs_st#*\(}
    gs_c=${gs_c%)*}
    # The fields after the name, split at spaces whatever IFS the person's hook set.
    git_session_ifs ' '
    set -- ${gs_st##*) }
    git_session_ifs
    if [ "$gs_c" = git ]; then
      eval "GIT_SESSION_COMMIT=\"$gs_p-\${20-}\""
      export GIT_SESSION_COMMIT
      return 0
    fi
    gs_p=${2-}
  done 2>/dev/null
  git_session_ps_commit && return 0
  # Neither /proc nor ps: the author date alone, which git exports to both hooks.
  gs_p=${GIT_AUTHOR_DATE:-}
  GIT_SESSION_COMMIT=${gs_p%% *}
  export GIT_SESSION_COMMIT
}

# No /proc (macOS, the BSDs): the same git process from one ps, found by its process
# name (`ucomm`: no path, so an app's bundled git under a folder with spaces counts) and
# named by its pid and the author date (git exports the same to both hooks; a later
# commit shares both only if the pid came round again within the second, or for an
# amend of the same commit). One awk walks the table: a shell loop re-reading it per
# level took ~250 ms under dash with a busy machine's 800 processes. Also exports its
# command line as GIT_SESSION_GIT_ARGS, cut at 8 KB (the system limits what one
# environment variable holds): pre-commit reads it to tell an amend, so the binary
# runs no ps of its own.
git_session_ps_commit() {
  gs_t=$(ps -A -o pid=,ppid=,ucomm=,args= 2>/dev/null | awk -v p="$PPID" '
    { up[$1] = $2 }
    $3 == "git" || $3 == "git.exe" { a = $0; sub(/^[ \t]*[0-9]+[ \t]+[0-9]+[ \t]+[^ \t]+[ \t]*/, "", a); args[$1] = substr(a, 1, 8192) }
    END { for (n = 0; p > 1 && n < 64; n++) { if (p in args) { print p " " args[p]; exit } p = up[p] } }') || return 1
  [ -n "$gs_t" ] || return 1
  gs_p=${GIT_AUTHOR_DATE:-}
  GIT_SESSION_COMMIT="${gs_t%% *}-${gs_p%% *}"
  GIT_SESSION_GIT_ARGS=${gs_t#* }
  export GIT_SESSION_COMMIT GIT_SESSION_GIT_ARGS
}

# Sets IFS to $1 (keeping the person's own to put back), or with no argument puts
# theirs back, unset if it was: these functions run in the person's hook shell.
git_session_ifs() {
  if [ $# -gt 0 ]; then
    gs_ifs_set=${IFS+1}
    gs_ifs=${IFS-}
    IFS=$1
  elif [ -n "$gs_ifs_set" ]; then
    IFS=$gs_ifs
  else
    unset IFS
  fi
}

# Whether pre-commit left anything for this hook: without a file, nothing to name or
# start. Globbing is on for the look, whatever the person's hook set (set -f).
git_session_handed_off() {
  case $- in *f*) gs_noglob=1; set +f ;; *) gs_noglob= ;; esac
  gs_found=1
  for gs_f in "${1%/*}/git-session/hand-off"* "${1%/*}/git-session/replan"*; do
    [ -e "$gs_f" ] && gs_found=0 && break
  done
  [ -n "$gs_noglob" ] && set -f
  return $gs_found
}

# Whether a message file holds more than white space (read in sh: no process started).
git_session_has_text() {
  while IFS= read -r gs_l || [ -n "$gs_l" ]; do
    case $gs_l in *[![:space:]]*) return 0 ;; esac
  done < "$1"
  return 1
}

# What pre-commit pipes into the binary (parsed by src/core/pipeline/preflight.ts): the
# settings that decide how a journal file is written and whether this clone has its
# merge drivers and private filter, the layout and HEAD (named twice when it is a
# revert), HEAD's top-level files, the staged changes with blob ids and counts,
# NUL-separated. git answers these while node starts: each costs ~1 ms from sh but
# several from node. The end mark is written only when the diff completed.
git_session_preflight() {
  {
    echo git-session-preflight 2
    git config --get-regexp '^(core\.(autocrlf|sparsecheckout)|i18n\.commitencoding|merge\.git-session(-journal)?\.(name|driver)|filter\.git-session-private\.(clean|smudge|required))$' || :
    printf '\0'
    git rev-parse --path-format=absolute --show-toplevel --git-dir --git-path git-session HEAD || :
    # HEAD again only when it is a revert: then, and only then, the binary reads the journal's history.
    git rev-list --no-walk --grep='^This reverts commit [0-9a-f]\{40\}' HEAD -- || :
    printf '\0'
    git ls-tree -z HEAD || :
    printf '\0'
    git diff --cached --raw --no-abbrev --numstat -z && printf git-session-preflight-end
  } 2>/dev/null
}

# The commit shortcut: a commit that changes only code, made right after a commit the
# binary (or this function) journaled, on the same branch, by the same author, in the
# same journal file, gets its entry from sh alone, with no node start. The binary left
# what the entry says besides the files and times in the state dir (commit-shortcut,
# see src/core/pipeline/commit-shortcut.ts, and commit-shortcut-last); this checks,
# with a few git calls, that nothing it was written for has changed and that nothing
# of this commit needs the binary: an amend or any option but the plain ones, an
# operation in progress, recorded edits waiting, the session file, the settings or the
# journal staged or edited, a stale commit (it would be reminded), a name that would
# need cleaning or redacting, a new week's file. Any doubt returns 1, and the binary
# does the commit as always. On success it sets gs_j to the journal file to stage.
git_session_shortcut() {
  # Anything that steers the binary or git's layout, and a git that does not commit from the plain index.
  [ -z "${GIT_SESSION_MODE:-}${GIT_SESSION_NO_SHORTCUT:-}${GIT_SESSION_TEST_KILL:-}${GIT_SESSION_TEST_NO_PROC:-}${GIT_SESSION_GIT_ARGS:-}${GIT_REFLOG_ACTION:-}${GIT_DIR:-}${GIT_WORK_TREE:-}${GIT_COMMON_DIR:-}" ] || return 1
  case ${GIT_INDEX_FILE:-} in *next-index-*) return 1 ;; esac
  [ "$gs_bin" = node_modules/git-session/dist/cli.js ] && [ -d .git ] || return 1
  gs_sd=.git/git-session
  [ -f "$gs_sd/commit-shortcut" ] && [ -f "$gs_sd/commit-shortcut-last" ] || return 1
  for gs_f in MERGE_HEAD CHERRY_PICK_HEAD REVERT_HEAD REBASE_HEAD SQUASH_MSG MERGE_MSG rebase-merge rebase-apply sequencer; do
    if [ -e ".git/$gs_f" ]; then return 1; fi
  done
  # Trailers left for another commit that a later hook has yet to handle (the emptied
  # hand-off a woven commit leaves is nothing: the binary clears those at its next run).
  case $- in *f*) gs_noglob=1; set +f ;; *) gs_noglob= ;; esac
  gs_found=
  for gs_f in "$gs_sd/hand-off"* "$gs_sd/replan"*; do
    [ -s "$gs_f" ] && gs_found=1 && break
  done
  [ -z "$gs_noglob" ] || set -f
  [ -z "$gs_found" ] && [ ! -e "$gs_sd/woven" ] || return 1
  IFS= read -r gs_b < node_modules/git-session/dist/build-key || return 1
  gs_k_end=
  # `command .`: a file gone meanwhile fails the call, not the person's hook shell.
  command . "./$gs_sd/commit-shortcut" 2>/dev/null || return 1
  [ "$gs_k_end" = 1 ] && [ "$gs_k_build" = "$gs_b" ] || return 1
  # Written by sh too, so read rather than sourced: a file cut short lacks its last newline, and read fails.
  { IFS= read -r gs_k_head && IFS= read -r gs_k_time && IFS= read -r gs_k_size && IFS= read -r gs_k_file; } < "$gs_sd/commit-shortcut-last" || return 1
  case $gs_k_head in *[!0-9a-f]* | '') return 1 ;; esac
  case $gs_k_time$gs_k_size in *[!0-9]* | '') return 1 ;; esac

  # The branch and HEAD from the files git keeps (a packed branch or a detached HEAD: the binary).
  IFS= read -r gs_h < .git/HEAD || return 1
  case $gs_h in "ref: refs/heads/$gs_k_branch") ;; *) return 1 ;; esac
  IFS= read -r gs_head < ".git/refs/heads/$gs_k_branch" || return 1
  [ "${GIT_AUTHOR_NAME:-} <${GIT_AUTHOR_EMAIL:-}>" = "$gs_k_author" ] || return 1

  # The author date, as git exports it: @<seconds> <zone>.
  git_session_entry_time "${GIT_AUTHOR_DATE:-}" || return 1
  git_session_fill "$gs_k_journal" '{year}' "$gs_wy"
  git_session_fill "$gs_fill" '{week}' "$gs_w"
  gs_j=$gs_fill
  # Another week's file is the binary's to start; one it cannot write or that links
  # elsewhere (perhaps out of the work tree) is the binary's to refuse.
  [ "$gs_j" = "$gs_k_file" ] && [ -f "$gs_j" ] && [ -w "$gs_j" ] && [ ! -L "$gs_j" ] || return 1
  # Minutes since the previous entry, both to the minute as their headings show them.
  gs_since=
  gs_t=$((gs_e / 60 - gs_k_time / 60))
  if [ "$gs_t" -ge 0 ]; then
    if [ "$gs_t" -lt 60 ]; then
      gs_since="${gs_t}m"
    elif [ "$gs_t" -lt 1440 ]; then
      gs_mm=$((gs_t % 60))
      [ "$gs_mm" -ge 10 ] || gs_mm=0$gs_mm
      gs_since="$((gs_t / 60))h ${gs_mm}m"
    else
      gs_since="$((gs_t / 1440))d $((gs_t / 60 % 24))h"
    fi
    gs_since="- Since previous entry: $gs_since"
  fi

  # What is staged first: the commit most often sent to the binary (the session file
  # staged without a record command's plan) is told by this one git call.
  gs_l=$(git diff --cached --raw --no-abbrev --numstat 2>/dev/null) || return 1
  git_session_shortcut_files "$gs_l" || return 1
  # The session file staged: only as a record command wrote it, on this HEAD, with the
  # entry's lines and the trailers it planned then (see leaveStagedShortcut); otherwise
  # lines the commands recorded wait to be staged, and the binary stages them.
  gs_body=$gs_k_body
  gs_body_json=$gs_k_body_json
  gs_body_bytes=$gs_k_body_bytes
  if [ -n "$gs_staged" ]; then
    git_session_staged_shortcut || return 1
  elif [ -e "$gs_sd/owned-edits.json" ]; then
    return 1
  fi
  # The journal file as the last entry left it: a change git cannot see (an ignored file,
  # a checkpoint appended since) would misplace the record a retry reads.
  gs_l=$(wc -c < "$gs_j" 2>/dev/null) || return 1
  [ "$((gs_l + 0))" = "$gs_k_size" ] || return 1

  # git's command line: only `git commit` with the plain options (see git_session_plain_argv).
  [ -r "/proc/$gs_p/cmdline" ] || return 1
  gs_a=$(tr '\000\001' '\001\002' < "/proc/$gs_p/cmdline") || return 1
  git_session_plain_argv "$gs_a" || return 1

  # HEAD's last move: a commit on the HEAD the shortcut was left on (not an amend, a
  # reset, a pick), whose message does not revert a commit (the binary puts back the
  # journal entries a revert dropped). One git call for both: HEAD's reflog entry.
  gs_l=$(git log -g -1 --format='%H %P %gs%n%B' 2>/dev/null) || return 1
  case $gs_l in "$gs_head $gs_k_head commit: "*) ;; *) return 1 ;; esac
  case $gs_l in *'This reverts commit '*) return 1 ;; esac
  gs_l=$(git ls-tree "$gs_head" -- .gitattributes .gitsession "$gs_k_session" 2>/dev/null) || return 1
  [ "$gs_l" = "$gs_k_tree" ] || return 1
  if [ "$gs_k_attributes" = 0 ] && [ -e .gitattributes ]; then return 1; fi
  gs_l=$(git config --get-regexp '^(core\.(autocrlf|sparsecheckout)|i18n\.commitencoding|merge\.git-session(-journal)?\.(name|driver)|filter\.git-session-private\.(clean|smudge|required))$' 2>/dev/null) || gs_l=
  [ "$gs_l" = "$gs_k_config" ] || return 1
  git diff --quiet -- "$gs_j" .gitsession .gitattributes 2>/dev/null || return 1

  # The entry, its length in bytes (only the shortcut's own text may be other than ASCII) and the record the binary reads on a retry.
  IFS= read -r gs_u < /proc/sys/kernel/random/uuid || return 1
  gs_id=${gs_u%%-*}
  gs_u=${gs_u#*-}
  gs_id=$gs_id${gs_u%%-*}
  case $gs_id in ????????????) ;; *) return 1 ;; esac
  gs_tail="$gs_files${gs_since:+$gs_since
}- Entry: $gs_id
"
  gs_entry="### $gs_time$gs_k_suffix
$gs_body- Files:
$gs_tail"
  gs_len=$((4 + ${#gs_time} + gs_k_suffix_bytes + 1 + gs_body_bytes + 9 + ${#gs_tail}))
  gs_at=$((gs_k_size + 1))
  gs_tail_json="$gs_files_json${gs_since:+$gs_since\\n}- Entry: $gs_id\\n"
  if ! git_session_staged_lock; then return 1; fi
  # Before the entry, as the binary records it: a commit that dies after this hook leaves
  # an entry the next attempt replaces. Written in place: the entry follows it, so a record
  # cut short (which the binary ignores) never stands beside an entry it fails to name.
  if ! { printf '{"path":"%s","head":"%s","time":"%s","offset":%s,"length":%s,"text":"### %s%s\\n%s- Files:\\n%s"}' \
    "$gs_j" "$gs_head" "$gs_time" "$gs_at" "$gs_len" "$gs_time" "$gs_k_suffix_json" "$gs_body_json" "$gs_tail_json" >| "$gs_sd/last-entry.json"; } 2>/dev/null; then
    rm -f "$gs_sd/last-entry.json"
    git_session_staged_unlock
    return 1
  fi
  # Appended in place, as the binary appends; all or nothing: a write that fails (a full
  # disk) is cut back to the size the file had.
  if ! { printf '\n%s' "$gs_entry" >> "$gs_j"; } 2>/dev/null; then
    truncate -s "$gs_k_size" -- "$gs_j" 2>/dev/null || echo "git-session: $gs_j may end with part of an entry: cut it back to its last whole entry" >&2
    rm -f "$gs_sd/commit-shortcut-last" "$gs_sd/last-entry.json"
    echo "git-session: journal entry skipped: $gs_j could not be written (check its permissions and the free disk space)" >&2
    gs_j=
    git_session_staged_unlock
    return 0
  fi
  printf '%s\n' "$gs_head" "$gs_e" "$((gs_at + gs_len))" "$gs_j" >| "$gs_sd/commit-shortcut-last" 2>/dev/null || rm -f "$gs_sd/commit-shortcut-last"
  if [ -n "$gs_staged" ]; then
    # The trailers for prepare-commit-msg under this commit's name, the shortcut for the
    # commit after this one, and the commands' record forgotten (all it holds is staged).
    [ ! -s "$gs_sd/commit-shortcut-trailers" ] || cat "$gs_sd/commit-shortcut-trailers" >| "$gs_sd/hand-off-$GIT_SESSION_COMMIT" 2>/dev/null ||
      echo "git-session: the trailers for $gs_k_session could not be handed on to the commit message (its journal entry lists them)" >&2
    mv -f "$gs_sd/commit-shortcut-after" "$gs_sd/commit-shortcut" 2>/dev/null || rm -f "$gs_sd/commit-shortcut"
    rm -f "$gs_sd/commit-shortcut-staged" "$gs_sd/commit-shortcut-trailers" "$gs_sd/owned-edits.json" "$gs_sd/session.lock"
  fi
  return 0
}

# The shortcut a record command left for the commit that stages what it wrote (sourced:
# gs_o_*), when the staged session file is its blob on its base and HEAD: the entry's
# lines become its lines. Not where git writes the message in another encoding than
# UTF-8 (the trailers are kept in UTF-8).
git_session_staged_shortcut() {
  [ -f "$gs_sd/commit-shortcut-staged" ] && [ -f "$gs_sd/commit-shortcut-after" ] || return 1
  case $gs_k_config in *i18n.commitencoding*) return 1 ;; esac
  gs_o_end=
  command . "./$gs_sd/commit-shortcut-staged" 2>/dev/null || return 1
  [ "$gs_o_end" = 1 ] && [ "$gs_o_build" = "$gs_b" ] && [ "$gs_o_head" = "$gs_head" ] || return 1
  [ "$gs_staged" = "$gs_o_base $gs_o_blob" ] || return 1
  gs_body=$gs_o_body
  gs_body_json=$gs_o_body_json
  gs_body_bytes=$gs_o_body_bytes
}

# The session lock every writer of the session file takes (src/adapters/lock.ts: created
# exclusively, holding the pid), held while a commit that stages a record command's lines
# writes its entry and forgets that command's record: a command that records meanwhile
# waits, and its lines stay recorded. Taken only then; the shortcut is read again under it.
git_session_staged_lock() {
  [ -n "$gs_staged" ] || return 0
  case $- in *C*) gs_nc=1 ;; *) gs_nc= ; set -C ;; esac
  gs_lk=
  { echo "$$" > "$gs_sd/session.lock"; } 2>/dev/null && gs_lk=1
  [ -n "$gs_nc" ] || set +C
  [ -n "$gs_lk" ] || return 1
  if git_session_staged_shortcut; then return 0; fi
  rm -f "$gs_sd/session.lock"
  return 1
}
git_session_staged_unlock() {
  [ -z "$gs_staged" ] || rm -f "$gs_sd/session.lock"
}

# The entry's time for a date as git exports it ($1: @<seconds> <zone>), as the binary
# writes it (formatLocalTime, isoWeek): gs_e (seconds), gs_time (`YYYY-MM-DD HH:MM
# +HH:MM`, the author's zone) and the ISO week's year and number (gs_wy, gs_w, two
# digits). Fails for any other shape, or a date before 1970.
git_session_entry_time() {
  case $1 in @*' '[+-][0-9][0-9][0-9][0-9]) ;; *) return 1 ;; esac
  gs_e=${1#@}
  gs_e=${gs_e%% *}
  case $gs_e in *[!0-9]* | '') return 1 ;; esac
  gs_z=${1##* }
  gs_zh=${gs_z#?}
  gs_zm=${gs_zh#??}
  gs_zh=${gs_zh%??}
  # Without a leading zero: sh reads 08 as octal.
  gs_off=$((${gs_zh#0} * 60 + ${gs_zm#0}))
  case $gs_z in -*) gs_off=$((-gs_off)) ;; esac
  gs_loc=$((gs_e + gs_off * 60))
  [ "$gs_loc" -ge 0 ] || return 1
  gs_day=$((gs_loc / 86400))
  # The ISO week's Thursday decides its year.
  git_session_civil $((gs_day - (gs_day + 3) % 7 + 3))
  gs_wy=$gs_y
  git_session_days "$gs_wy"
  gs_w=$(((gs_day - (gs_day + 3) % 7 + 3 - gs_jan1) / 7 + 1))
  [ "$gs_w" -ge 10 ] || gs_w=0$gs_w
  git_session_civil "$gs_day"
  gs_t=$((gs_loc % 86400))
  gs_hh=$((gs_t / 3600))
  gs_mm=$((gs_t % 3600 / 60))
  [ "$gs_m" -ge 10 ] || gs_m=0$gs_m
  [ "$gs_dd" -ge 10 ] || gs_dd=0$gs_dd
  [ "$gs_hh" -ge 10 ] || gs_hh=0$gs_hh
  [ "$gs_mm" -ge 10 ] || gs_mm=0$gs_mm
  gs_zs=+
  [ "$gs_off" -ge 0 ] || gs_zs=-
  gs_time="$gs_y-$gs_m-$gs_dd $gs_hh:$gs_mm $gs_zs${gs_zh}:${gs_z#???}"
}

# The staged files (`git diff --cached --numstat`, $1) as the entry lists them, into
# gs_files and gs_files_json; fails for anything the binary must judge: no file, the
# session file, the settings or a journal file among them, more than the entry lists,
# a name git quotes or that holds anything but plain characters, or the shape of a
# secret the binary would redact, a rename, a key file, or changed lines at the threshold.
git_session_shortcut_files() {
  # No globbing while names and key files are split and matched, whatever the person's hook set.
  case $- in *f*) gs_noglob=1 ;; *) gs_noglob= ; set -f ;; esac
  git_session_listed_files "$1"
  gs_rc=$?
  [ -n "$gs_noglob" ] || set +f
  return $gs_rc
}
git_session_listed_files() {
  gs_files=
  gs_files_json=
  gs_n=0
  gs_sum=0
  gs_staged=
  git_session_ifs '
'
  set -- $1
  git_session_ifs
  git_session_fill "$gs_k_journal" '{year}' '*'
  git_session_fill "$gs_fill" '{week}' '*'
  for gs_l in "$@"; do
    # `--raw` lines first (":<mode> <mode> <id> <id> <status>\t<path>"): the session file's ids, as "<at HEAD> <staged>".
    case $gs_l in
    :*"	$gs_k_session")
      gs_l=${gs_l#:* * }
      gs_staged=${gs_l%% [A-Z]*}
      continue
      ;;
    :*) continue ;;
    esac
    gs_ad=${gs_l%%	*}
    gs_l=${gs_l#*	}
    gs_rm=${gs_l%%	*}
    gs_pa=${gs_l#*	}
    case $gs_ad/$gs_rm in -/-) gs_c=binary gs_x=1 ;; *[!0-9/]* | /* | */) return 1 ;; *) gs_c="+$gs_ad -$gs_rm" gs_x=$((gs_ad + gs_rm)) ;; esac
    case $gs_pa in '' | *[!A-Za-z0-9._/+,=@~-]* | .gitsession | .gitattributes | $gs_fill) return 1 ;; esac
    git_session_plain_name "$gs_pa" || return 1
    # What counts toward staleness: code, not the session file; and a commit that
    # changes the session file is never stale (see assessStaleness).
    if [ "$gs_pa" != "$gs_k_session" ]; then
      gs_sum=$((gs_sum + gs_x))
      if [ -z "$gs_staged" ]; then
        git_session_ifs '
'
        for gs_k in $gs_k_keys; do
          case $gs_pa in $gs_k | $gs_k/*) git_session_ifs; return 1 ;; esac
        done
        git_session_ifs
      fi
    fi
    gs_n=$((gs_n + 1))
    gs_files="$gs_files  - $gs_pa ($gs_c)
"
    gs_files_json="$gs_files_json  - $gs_pa ($gs_c)\\n"
  done
  [ "$gs_n" -gt 0 ] && [ "$gs_n" -le 25 ] || return 1
  [ -n "$gs_staged" ] || [ "$gs_sum" -lt "$gs_k_threshold" ]
}

# Whether a file name can be shown as it is: none of the literals the binary's secret
# rules look for (src/core/redact: every anchor of the preset and of the extra rules),
# matched as broadly as `case` can (letters of any case where a rule ignores it).
git_session_plain_name() {
  case $1 in
  *-----BEGIN* | *npm_* | *[Xx][Oo][Xx][BbPpAaRrOo]-* | *[Xx][Aa][Pp][Pp]-* | *[Hh][Oo][Oo][Kk][Ss].[Ss][Ll][Aa][Cc][Kk].[Cc][Oo][Mm]*) return 1 ;;
  *SG.* | *shppa_* | *shpca_* | *shpat_* | *shpss_* | *gh[pousr]_* | *github_pat_* | *T3BlbkFJ* | *sk-ant-* | *lin_api_* | *ops_ey*) return 1 ;;
  *A3T* | *AKIA* | *AGPA* | *AIDA* | *AROA* | *AIPA* | *ANPA* | *ANVA* | *ASIA* | *gl[pdrso]*-* | *sk-proj-* | *sk-svcacct-* | *sk-admin-*) return 1 ;;
  *[sr]k_live_* | *[sr]k_test_* | *whsec_* | *AIza* | *eyJ*) return 1 ;;
  *[Pp][Aa][Ss][Ss][Ww]* | *[Pp][Ww][Dd]* | *[Ss][Ee][Cc][Rr][Ee][Tt]* | *[Aa][Pp][Ii][_-][Kk][Ee][Yy]* | *[Aa][Pp][Ii][Kk][Ee][Yy]* | *[Tt][Oo][Kk][Ee][Nn]*) return 1 ;;
  *[Pp][Rr][Ii][Vv][Aa][Tt][Ee][_-][Kk][Ee][Yy]* | *[Pp][Rr][Ii][Vv][Aa][Tt][Ee][Kk][Ee][Yy]* | *://* | *[Mm][Oo][Nn][Gg][Oo][Dd][Bb]* | *[Mm][Yy][Ss][Qq][Ll]* | *[Pp][Oo][Ss][Tt][Gg][Rr][Ee][Ss]*) return 1 ;;
  esac
  return 0
}

# Whether git's command line ($1: its words parted by \001) is `git commit` with only
# options that change nothing the hooks record: -m/-F with their values, -a, -q, -v,
# -s, -e, -n, -S, --author, --date, --cleanup and their long forms. Anything else (an
# amend, a reused message, paths, --fixup, --only) is the binary's.
git_session_plain_argv() {
  gs_x=$(printf '\001')
  git_session_ifs "$gs_x"
  case $- in *f*) gs_noglob=1 ;; *) gs_noglob= ; set -f ;; esac
  set -- $1
  [ -n "$gs_noglob" ] || set +f
  git_session_ifs
  [ $# -ge 2 ] && [ "${1##*/}" = git ] && [ "$2" = commit ] || return 1
  shift 2
  gs_v=
  for gs_w in "$@"; do
    if [ -n "$gs_v" ]; then
      gs_v=
      continue
    fi
    case $gs_w in
    --message | --file) gs_v=1 ;;
    --message=* | --file=* | --all | --quiet | --verbose | --signoff | --edit | --no-edit | --no-verify | --author=* | --date=* | --cleanup=* | --gpg-sign | --gpg-sign=* | --no-gpg-sign | --status | --no-status) ;;
    -[!-]*)
      gs_c=${gs_w#-}
      gs_o=${gs_c%%[!aqvsenS]*}
      gs_c=${gs_c#"$gs_o"}
      case $gs_c in
      '') ;;
      m | F) gs_v=1 ;;
      m* | F*) ;;
      *) return 1 ;;
      esac
      ;;
    *) return 1 ;;
    esac
  done
  [ -z "$gs_v" ]
}

# Days from 1970-01-01 to Jan 1 of year $1 (into gs_jan1), and the date of day $1 (into
# gs_y, gs_m, gs_dd): the proleptic Gregorian calendar, in sh arithmetic.
git_session_days() {
  gs_q=$(($1 - 1))
  gs_jan1=$((gs_q * 365 + gs_q / 4 - gs_q / 100 + gs_q / 400 - 719162))
}
git_session_civil() {
  gs_q=$(($1 + 719468))
  gs_era=$((gs_q / 146097))
  gs_q=$((gs_q - gs_era * 146097))
  gs_yoe=$(((gs_q - gs_q / 1460 + gs_q / 36524 - gs_q / 146096) / 365))
  gs_q=$((gs_q - (365 * gs_yoe + gs_yoe / 4 - gs_yoe / 100)))
  gs_mp=$(((5 * gs_q + 2) / 153))
  gs_dd=$((gs_q - (153 * gs_mp + 2) / 5 + 1))
  gs_m=$((gs_mp < 10 ? gs_mp + 3 : gs_mp - 9))
  gs_y=$((gs_yoe + gs_era * 400 + (gs_m <= 2 ? 1 : 0)))
}

# $1 with every $2 replaced by $3, into gs_fill.
git_session_fill() {
  gs_fill=
  gs_in=$1
  while :; do
    case $gs_in in
    *"$2"*)
      gs_fill=$gs_fill${gs_in%%"$2"*}$3
      gs_in=${gs_in#*"$2"}
      ;;
    *)
      gs_fill=$gs_fill$gs_in
      return 0
      ;;
    esac
  done
}

# Runs the binary: the built script with node straight away (as its `#!/usr/bin/env
# node` line would, one exec fewer), anything else (a wrapper) as it is.
git_session_run() {
  case $gs_bin in
  *.js) node "$gs_bin" "$@" ;;
  *)
    if IFS= read -r gs_l < "$gs_bin" && [ "$gs_l" = '#!/usr/bin/env node' ]; then
      node "$gs_bin" "$@"
    else
      "$gs_bin" "$@"
    fi
    ;;
  esac
}

# Sets gs_bin to the binary: the project's copy, else the one beside `git-session-hook`
# (which sets git_session_dir to its folder: a global bin folder), else PATH; or to
# nothing, also when it cannot run (gs_no_node is set then). Git runs hooks and filters
# at the top of the work tree.
git_session_find_bin() {
  gs_no_node=
  gs_bin=node_modules/git-session/dist/cli.js
  if [ ! -f "$gs_bin" ]; then
    # Never a file of the repository itself: only the folder git-session-hook named.
    gs_bin=
    if [ -n "${git_session_dir:-}" ] && [ -x "$git_session_dir/git-session" ]; then
      gs_bin=$git_session_dir/git-session
    else
      gs_bin=$(command -v git-session) || gs_bin=
    fi
  fi
  [ -z "$gs_bin" ] || git_session_runnable || { gs_bin=; gs_no_node=1; }
}

# Whether the binary found can run: it is a node program, and every way it is installed
# (npm's link to the script, pnpm's or a global install's sh wrapper that execs node)
# needs node on PATH, which a desktop git client, or a version manager that only an
# interactive shell sets up, may not give git. Without it, the hooks go on as if there
# were no binary (one line, and the commit goes through) and the filter leaves git's
# pipe unread for its fallback: run, it would fail every checkout and stage an empty file.
git_session_runnable() {
  command -v node >/dev/null 2>&1
}

# The private filter (`git_session_filter clean|smudge <path>`, file on stdin, as git
# runs it). git cleans the session file on every status, add and commit that finds it
# changed or touched within the second of the index (racy git), most often the same
# text again: a text this build of the binary cleaned before is answered from what it
# kept under the git dir, named by the build, the path and git's id for the very same
# bytes, with no node start. The binary empties that folder whenever the private text
# it keeps changes, so an answer kept there always matches what it keeps. Returns 127,
# stdin unread, when there is no binary: the filter line then does without one.
git_session_filter() {
  git_session_find_bin
  [ -n "$gs_bin" ] || return 127
  gs_k=
  # Only a file at the top of the work tree with a plain name (see keepCleaned), and
  # only for a built package that names its build.
  case $1/${2:-} in
  clean/*/* | clean/*[!A-Za-z0-9._-]* | clean/) ;;
  clean/*)
    if [ "$gs_bin" = node_modules/git-session/dist/cli.js ] && IFS= read -r gs_build 2>/dev/null < node_modules/git-session/dist/build-key; then
      case $gs_build in
      *[!A-Za-z0-9.+_-]* | '') ;;
      *) gs_k=${GIT_DIR:-.git}/git-session/clean/$gs_build ;;
      esac
    fi
    ;;
  esac
  gs_t=$gs_k/in-$$
  # Never a filter that fails for want of a place to keep a copy (a git dir that is
  # not this person's to write): then the binary reads git's pipe itself.
  if [ -z "$gs_k" ] || [ ! -d "$gs_k" ] || ! true 2>/dev/null >| "$gs_t"; then
    git_session_run filter "$@"
    return
  fi
  cat >| "$gs_t" || { rm -f "$gs_t"; return 1; }
  gs_id=$(git hash-object --no-filters -- "$gs_t" 2>/dev/null) || gs_id=
  # An answer taken away since (the store changed) is asked of the binary instead.
  if [ -z "$gs_id" ] || ! cat "$gs_k/$2.$gs_id" 2>/dev/null; then
    git_session_run filter "$@" < "$gs_t"
  fi
  gs_s=$?
  rm -f "$gs_t"
  # git's pipe is read: 127 would send the caller to its fallback, which would read
  # nothing and answer an empty file. A failure stops git instead.
  [ $gs_s = 127 ] && gs_s=1
  return $gs_s
}

git_session_hook() {
  [ "${GIT_SESSION:-}" = 0 ] && return 0
  [ "${HUSKY:-}" = 0 ] && return 0
  # Hooks run at the top of the work tree. A repository that never ran `init` has no
  # settings file: a hooks folder shared by several repositories (a global
  # core.hooksPath) must not journal into those.
  if [ ! -f .gitsession ]; then
    # A link to nothing looks like a repository that never ran init: the hooks would
    # turn off without a word, strict mode with them. Said once a commit, by pre-commit.
    if [ "$1" = pre-commit ] && [ -L .gitsession ] && [ ! -e .gitsession ]; then
      echo "git-session: .gitsession is a symlink to a file that does not exist, so this commit skips session capture (fix: create the file it points to, or replace the link with the settings file: rm .gitsession && git session init)" >&2
    fi
    return 0
  fi
  gs_hook=$1
  shift
  if [ "$gs_hook" = preflight ]; then
    git_session_preflight
    return 0
  fi

  git_session_find_bin
  if [ -z "$gs_bin" ]; then
    if [ "$gs_hook" != pre-commit ]; then
      :
    elif [ -n "$gs_no_node" ]; then
      echo "git-session: node is not on the PATH git runs hooks with, so this commit skips session capture (fix: make node reachable from that PATH, for example by starting your git client from a shell that has it, or: git session uninstall)" >&2
    else
      echo "git-session: not found, so this commit skips session capture (fix: npm i -D git-session, or: git session uninstall)" >&2
    fi
    return 0
  fi

  case $gs_hook in
  pre-commit)
    git_session_commit_id
    # The binary prints the journal path for sh to stage, which is cheaper than from node.
    # It leaves the pipe unread on an amend: the queries' end of it ignores SIGPIPE and
    # never fails, so a person's `set -o pipefail` cannot fail the hook over it.
    # A commit like the one before, with nothing to record, is journaled from sh (see git_session_shortcut).
    if git_session_shortcut; then
      gs_s=${gs_j:+git-session add $gs_j}
    else
      gs_s=$( { trap '' PIPE; git_session_preflight || :; } | git_session_run hook pre-commit --preflight "$@") || exit $?
    fi
    case $gs_s in
    "git-session add "*)
      gs_p=${gs_s#git-session add }
      # Only when git add fails is anything more asked. It fails for a tracked file in an
      # ignored folder too (its advice), after staging it: then nothing is wrong. An ignored
      # file git does not track yet (a new week's) is the person's to let in or keep out.
      # Literal pathspecs: git skips an ignored file that a pattern (`[`, `*`) matches without a word.
      git --literal-pathspecs add -- "$gs_p" 2>/dev/null || if git check-ignore -q -- "$gs_p" 2>/dev/null; then
        echo "git-session: journal entry not committed: $gs_p is ignored and not tracked, so the entry stays in that file only (to commit entries: stop ignoring it, or git add -f -- '$gs_p'; to stop writing them: git config -f .gitsession journal.enabled false)" >&2
      elif ! { git --literal-pathspecs ls-files --error-unmatch -- "$gs_p" && git --literal-pathspecs diff --quiet -- "$gs_p"; } >/dev/null 2>&1; then
        echo "git-session: journal entry skipped: git could not add $gs_p (git add -- '$gs_p' says why)" >&2
      fi
      ;;
    esac
    ;;
  prepare-commit-msg)
    # $1 is the message file in the git dir; the hand-off sits beside it. A rebase step
    # that folds commits together (fixup, squash) has its trailers planned again from
    # its content: git drops a fixup's message and keeps the first commit's trailers.
    # git lists the chain being folded in `current-fixups` at such a step only (a plain
    # pick has none), so a test of the file tells it without reading anything.
    gs_folds=
    [ -s "${1%/*}/rebase-merge/current-fixups" ] && gs_folds=1
    [ "${2:-}" = squash ] || [ -n "$gs_folds" ] || git_session_handed_off "$1" || return 0
    git_session_commit_id
    gs_f="${1%/*}/git-session/hand-off-$GIT_SESSION_COMMIT"
    case ${2:-} in
    merge)
      # A merge concluded with `git commit` whose own changes recorded something (a
      # decision taken while resolving it): the editor shows the trailers.
      if [ -s "$gs_f" ]; then git_session_run hook prepare-commit-msg "$@" || exit $?; fi
      ;;
    message)
      if [ -n "$gs_folds" ] && [ ! -s "$gs_f" ]; then
        git_session_run hook prepare-commit-msg "$@" || exit $?
        return 0
      fi
      # -m and -F: git weaves the trailers itself (the file holds NUL-separated
      # interpret-trailers arguments), so the commit starts node once, not twice.
      # Emptied, not removed, once woven: a redirect starts no process, and the next
      # pre-commit clears the state dir's hand-offs anyway.
      # Not into a message with no text: git refuses an empty message, and trailers alone
      # would make a commit of what the person left empty (their subject a Decision: line).
      if [ -s "$gs_f" ] && git_session_has_text "$1"; then
        xargs -0 git -c trailer.separators=: interpret-trailers --in-place --no-divider --if-exists addIfDifferent "$1" < "$gs_f" && : >| "$gs_f" || exit $?
      fi
      ;;
    *)
      # An editor commit, an amend (its trailers are planned again from its content) or a squash.
      gs_r="${1%/*}/git-session/replan-$GIT_SESSION_COMMIT"
      if [ "${2:-}" = squash ] || [ -s "$gs_f" ] || [ -e "$gs_r" ]; then git_session_run hook prepare-commit-msg "$@" || exit $?; fi
      ;;
    esac
    ;;
  commit-msg)
    # Only after an editor commit whose empty message got trailers.
    if [ -f "${1%/*}/git-session/woven" ]; then git_session_run hook commit-msg "$@" || exit $?; fi
    ;;
  *)
    git_session_run hook "$gs_hook" "$@" || exit $?
    ;;
  esac
  return 0
}
