#!/bin/sh
# peer_sqlite.sh: the job done with the sqlite3 command line (in memory).
# usage: peer_sqlite.sh FILE.csv > ranked.csv
file=$(printf '%s' "$1" | sed 's/"/""/g')
exec sqlite3 :memory: <<EOF_SQL
.import --csv "$file" s
.mode csv
.headers on
WITH a AS (
  SELECT rowid AS pos, *,
    (coalesce(CAST(NULLIF(ARC, '') AS REAL), 0)
     + coalesce(CAST(NULLIF(HellaSwag, '') AS REAL), 0)
     + coalesce(CAST(NULLIF(MMLU, '') AS REAL), 0)
     + coalesce(CAST(NULLIF(TruthfulQA, '') AS REAL), 0)
     + coalesce(CAST(NULLIF(Winogrande, '') AS REAL), 0)
     + coalesce(CAST(NULLIF(GSM8K, '') AS REAL), 0))
    / NULLIF((ARC <> '') + (HellaSwag <> '') + (MMLU <> '')
             + (TruthfulQA <> '') + (Winogrande <> '') + (GSM8K <> ''), 0)
    AS mean
  FROM s)
SELECT CASE WHEN mean IS NULL THEN NULL
            ELSE RANK() OVER (ORDER BY mean DESC NULLS LAST) END AS rank,
       model, printf('%.2f', mean) AS average, params_b, license,
       NULLIF(ARC, '') AS ARC, NULLIF(HellaSwag, '') AS HellaSwag,
       NULLIF(MMLU, '') AS MMLU, NULLIF(TruthfulQA, '') AS TruthfulQA,
       NULLIF(Winogrande, '') AS Winogrande, NULLIF(GSM8K, '') AS GSM8K
FROM a ORDER BY mean DESC NULLS LAST, pos;
EOF_SQL
