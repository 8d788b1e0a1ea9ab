#!/bin/sh
# gen.sh KIND OUT: writes one of the big bad inputs to OUT (they are made at
# test time, not kept in the repository).
#   big_field       a 10 MB quoted text cell (license) in a good file
#   big_number      a 10 MB cell of digits in a benchmark column
#   many_columns    100,000 columns (ARC and 99,999 others), two rows
#   many_columns_dup 100,000 columns, the last one named as the second
#   wide_row        a 3-column header, then a row of 100,000 fields
#   million_rows    1,000,000 rows; the cell ARC of line 999,991 is 'abc'
#   many_benchmarks 10 rows of 100,000 benchmark columns
#   stderr_rows     60,000 rows of ARC and MMLU with standard errors
#   battles_big_name      votes (CSV) with a 10 MB model name on line 3
#   battles_big_name_json the same in a JSON list
#   battles_million       1,000,000 votes; the winner of line 999,991 is
#                         'upset'
set -eu
kind=$1 out=$2

# n bytes of character c
repeat() {
    head -c "$2" /dev/zero | tr '\0' "$1"
}

case $kind in
big_field)
    {
        printf 'model,ARC,MMLU,license\norg/a,50,60,mit\norg/big,70,80,"'
        repeat x 10485760
        printf '"\norg/c,60,70,apache-2.0\n'
    } >"$out"
    ;;
big_number)
    {
        printf 'model,ARC,MMLU\norg/a,50,60\norg/big,'
        repeat 1 10485760
        printf ',80\n'
    } >"$out"
    ;;
many_columns | many_columns_dup)
    # printf per field: building long strings in awk is quadratic
    awk -v dup="$kind" 'BEGIN {
        n = 100000
        printf "model,ARC"
        for (i = 3; i <= n; i++)
            printf ",%s", (dup == "many_columns_dup" && i == n) ? "ARC" : "x" i
        printf "\norg/a,61.5"
        for (i = 3; i <= n; i++) printf ",%d", i
        printf "\norg/b,70.25"
        for (i = 3; i <= n; i++) printf ",-"
        printf "\n"
    }' >"$out"
    ;;
wide_row)
    awk 'BEGIN {
        printf "model,ARC,MMLU\norg/a"
        for (i = 2; i <= 100000; i++) printf ",%d", i % 100
        printf "\n"
    }' >"$out"
    ;;
many_benchmarks)
    awk 'BEGIN {
        n = 100000
        printf "model"
        for (i = 1; i <= n; i++) printf ",b%d", i
        printf "\n"
        for (r = 1; r <= 10; r++) {
            printf "org/m%d", r
            for (i = 1; i <= n; i++) printf ",%d.%d", (r * i) % 100, i % 10
            printf "\n"
        }
    }' >"$out"
    ;;
stderr_rows)
    awk 'BEGIN {
        print "model,ARC,ARC_stderr,MMLU,MMLU_stderr"
        for (i = 1; i <= 60000; i++)
            printf "org/m%d,%d.%d,1.5,%d.5,2\n", i, i % 100, i % 10, i % 90
    }' >"$out"
    ;;
million_rows)
    awk 'BEGIN {
        print "model,ARC,HellaSwag,MMLU"
        for (i = 1; i <= 1000000; i++) {
            arc = (i == 999990) ? "abc" : sprintf("%d.%02d", i % 100, i % 97)
            printf "org/model-%d,%s,%d.5,%d.25\n", i, arc, i % 90, i % 80
        }
    }' >"$out"
    ;;
battles_big_name)
    {
        printf 'model_a,model_b,winner\norg/a,org/b,model_a\norg/a,'
        repeat x 10485760
        printf ',tie\n'
    } >"$out"
    ;;
battles_big_name_json)
    {
        printf '[{"model_a": "org/a", "model_b": "org/b", "winner": "tie"},\n'
        printf ' {"model_a": "org/a", "model_b": "'
        repeat x 10485760
        printf '", "winner": "tie"}]\n'
    } >"$out"
    ;;
battles_million)
    awk 'BEGIN {
        print "model_a,model_b,winner"
        split("model_a model_b tie", w, " ")
        for (i = 1; i <= 1000000; i++) {
            a = i % 97; b = (i * 7 + 3) % 97
            if (a == b) b = (b + 1) % 97
            printf "org/m%d,org/m%d,%s\n", a, b, (i == 999990) ? "upset" : w[i % 3 + 1]
        }
    }' >"$out"
    ;;
*)
    echo "gen.sh: unknown kind '$kind'" >&2
    exit 2
    ;;
esac
