// peer_duckdb.mjs: the job done with DuckDB (node bindings).
// usage: node peer_duckdb.mjs FILE.csv > ranked.csv
// DUCKDB_NODE_DIR names the npm folder holding @duckdb/node-api
// (scripts/bench.sh installs it outside the repository).
import { createRequire } from 'node:module';

const dir = process.env.DUCKDB_NODE_DIR;
const { DuckDBInstance } = createRequire(dir + '/package.json')('@duckdb/node-api');
const file = process.argv[2];
const quote = (s) => "'" + s.replaceAll("'", "''") + "'";
const scores = ['ARC', 'HellaSwag', 'MMLU', 'TruthfulQA', 'Winogrande', 'GSM8K'];
const types = ['model', 'params_b', 'license', ...scores]
  .map((c) => `'${c}': 'VARCHAR'`).join(', ');
const total = scores.map((c) => `coalesce(TRY_CAST(${c} AS DOUBLE), 0)`).join(' + ');
const present = scores.map((c) => `(${c} IS NOT NULL)::INTEGER`).join(' + ');

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
await con.run(`CREATE TABLE s AS SELECT * FROM read_csv(${quote(file)},
  header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
  columns = {${types}})`);
await con.run(`COPY (
  WITH a AS (SELECT rowid AS pos, *, (${total}) / nullif(${present}, 0) AS mean FROM s)
  SELECT CASE WHEN mean IS NULL THEN NULL
              ELSE rank() OVER (ORDER BY mean DESC NULLS LAST) END AS rank,
         model, printf('%.2f', mean) AS average, params_b, license, ${scores.join(', ')}
  FROM a ORDER BY mean DESC NULLS LAST, pos
) TO '/dev/stdout' (FORMAT csv, HEADER true)`);
