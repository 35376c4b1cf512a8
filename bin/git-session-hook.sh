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
    gs_s=$( { trap '' PIPE; git_session_preflight || :; } | git_session_run hook pre-commit --preflight "$@") || exit $?
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
