// The DuckDB peer of bench/dossiers/run.sh, through the npm package @duckdb/node-api, on 2 threads.
//
//   node peer.mjs csv   CSV_FILE OUT.csv   the reference question straight from the CSV (read_csv + GROUP BY)
//   node peer.mjs load  CSV_FILE DB_FILE   loads the CSV into the table `dossiers` of a new database file
//   node peer.mjs query DB_FILE  OUT.csv   the reference question over that table
//
// The query is ../reference_duckdb.sql; OUT.csv gets DuckDB's own CSV of the result (with a header).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";

const here = dirname(fileURLToPath(import.meta.url));
const [mode, input, output] = process.argv.slice(2);
if (!["csv", "load", "query"].includes(mode) || !input || !output) {
  console.error("usage: node peer.mjs csv|load|query INPUT OUTPUT");
  process.exit(2);
}
const quote = (s) => `'${s.replaceAll("'", "''")}'`;
const readCsv = (file) =>
  `read_csv(${quote(file)}, header = true, auto_detect = false, delim = ',', quote = '"', ` +
  `timestampformat = '%Y-%m-%d %H:%M:%S', columns = {` +
  `'dossier_id': 'VARCHAR', 'unit_code': 'VARCHAR', 'department_code': 'VARCHAR', 'procedure_code': 'VARCHAR', ` +
  `'field_code': 'VARCHAR', 'channel': 'VARCHAR', 'received_at': 'TIMESTAMP', 'due_at': 'TIMESTAMP', ` +
  `'finished_at': 'TIMESTAMP', 'returned_at': 'TIMESTAMP', 'supplement_requests': 'SMALLINT', ` +
  `'apology_letters': 'SMALLINT', 'status': 'VARCHAR'})`;
const question = readFileSync(join(here, "..", "reference_duckdb.sql"), "utf8")
  .replace(/--[^\n]*\n/g, "\n")
  .trim()
  .replace(/;$/, "");

const instance = await DuckDBInstance.create(mode === "csv" ? ":memory:" : mode === "load" ? output : input, {
  threads: "2",
});
const connection = await instance.connect();
const exportTo = (file) => `COPY (${question}) TO ${quote(file)} (FORMAT csv, HEADER true)`;
if (mode === "csv") {
  await connection.run(`CREATE VIEW dossiers AS SELECT * FROM ${readCsv(input)}`);
  await connection.run(exportTo(output));
} else if (mode === "load") {
  await connection.run(`CREATE TABLE dossiers AS SELECT * FROM ${readCsv(input)}`);
  await connection.run("CHECKPOINT");
} else {
  await connection.run(exportTo(output));
}
connection.closeSync();
instance.closeSync?.();
