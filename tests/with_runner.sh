#!/bin/sh
# with_runner.sh PROGRAM [ARG...]: runs PROGRAM through $LB_RUNNER when set
# (scripts/valgrind.sh sets it to valgrind memcheck), else directly. Every
# test that runs a binary of ours goes through it or through the same
# variable in its script (run_case.sh, tests/bad/run.sh, ...).
# shellcheck disable=SC2086 # LB_RUNNER is a command with its options
exec ${LB_RUNNER:-} "$@"
