// Scoring in DuckDB, for the comparison with itagap (bench/compare/run_compare.sh,
// docs/performance.md, "Scoring, compared").
//
// Reads the responses CSV with DuckDB's read_csv into a wide table and UNPIVOTs
// it to one row per answered cell (not timed), then times one prepared
// statement that computes item scores (favourable share, reverse items
// mirrored), indicator means, instrument means and the weighted ITA total of
// every unit, and fetching every result row. The SQL is the same as the SQLite
// benchmark's (bench/compare/sqlite_score_bench.cpp) in the form DuckDB runs
// fastest. DuckDB keeps its default number of threads (one per core).
//
//   node score.mjs --questionnaire Q.json --responses R.csv [--repeat 5] [--rows-out scores.csv]
//
// --rows-out writes every figure as level,unit,round,key,score for
// itagap-bench-check-rows, which compares them with itagap's to 1e-9.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    questionnaire: { type: 'string' },
    responses: { type: 'string' },
    repeat: { type: 'string', default: '5' },
    'rows-out': { type: 'string' },
    query: { type: 'string' }, // another form of the aggregation, to try it
  },
});
if (!args.questionnaire || !args.responses) {
  console.error('usage: node score.mjs --questionnaire Q.json --responses R.csv [--repeat 5] [--rows-out F]');
  process.exit(2);
}
const repeat = Number(args.repeat);

// Only the method of the 2566+ questionnaires is written in SQL here.
const questionnaire = JSON.parse(readFileSync(args.questionnaire, 'utf8'));
if (questionnaire.scoring.method !== 'favourable_share') {
  console.error('the SQL computes favourable_share only');
  process.exit(2);
}

// Indices follow the questionnaire file's order, as itagap's loader does, so
// `key` in the rows file can be named back.
const instruments = questionnaire.instruments.map((x) => x.code);
const indicators = questionnaire.indicators.map((x) => x.number);
const scales = new Map(questionnaire.scales.map((s) => [s.id, s.options]));
const items = questionnaire.items.map((item, index) => {
  const options = scales.get(item.scale);
  // Bit k set when the k-th option after reversal is favourable, as in the
  // SQLite benchmark.
  let mask = 0;
  options.forEach((o, k) => { if (o.favourable) mask |= 1 << (k + 1); });
  const indicator = indicators.indexOf(item.indicator);
  return {
    index, code: item.code, indicator,
    instrument: instruments.indexOf(questionnaire.indicators[indicator].instrument),
    reverse: item.reverse ? 1 : 0, optionCount: options.length, mask,
  };
});

const quoteText = (s) => `'${String(s).replaceAll("'", "''")}'`;
const quoteName = (s) => `"${String(s).replaceAll('"', '""')}"`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const run = (sql) => connection.run(sql);

await run(`CREATE TABLE items(item UTINYINT PRIMARY KEY, code VARCHAR, indicator UTINYINT,
  instrument UTINYINT, reverse BOOLEAN, option_count UTINYINT, favourable_mask INTEGER)`);
await run(`INSERT INTO items VALUES ${items.map((i) =>
  `(${i.index}, ${quoteText(i.code)}, ${i.indicator}, ${i.instrument}, ${i.reverse === 1},
    ${i.optionCount}, ${i.mask})`).join(',')}`);
await run('CREATE TABLE instruments(instrument UTINYINT PRIMARY KEY, code VARCHAR, weight DOUBLE)');
await run(`INSERT INTO instruments VALUES ${questionnaire.instruments.map((x, i) =>
  `(${i}, ${quoteText(x.code)}, ${Number(x.weight)})`).join(',')}`);

// Loading, not timed: the wide CSV as it is, then one row per answered cell.
// UNPIVOT leaves out empty cells, as the SQLite benchmark does.
let started = performance.now();
const itemTypes = items.map((i) => `${quoteText(i.code)}: 'UTINYINT'`).join(', ');
await run(`CREATE TABLE wide AS SELECT * FROM read_csv(${quoteText(args.responses)}, header = true,
  types = {'unit': 'VARCHAR', 'round': 'VARCHAR', 'instrument': 'VARCHAR', 'respondent': 'VARCHAR',
           ${itemTypes}})`);
const present = new Set((await connection.runAndReadAll('DESCRIBE wide')).getRowsJS().map((r) => r[0]));
const itemColumns = items.filter((i) => present.has(i.code)).map((i) => quoteName(i.code));
await run(`CREATE TABLE units AS
  SELECT (row_number() OVER (ORDER BY unit, round) - 1)::INTEGER AS unit, unit AS name, round
  FROM (SELECT DISTINCT unit, round FROM wide)`);
// The smallest types that hold the values: less memory to stream through.
// Stored in (unit, item) order, as SQLite's table is clustered, so that
// consecutive rows fall in the same group: on the national set the query ran
// 1.2 to 1.8 times faster than on the file's order (a unit's rows together, but
// the items interleaved respondent by respondent).
const unitCount = Number((await connection.runAndReadAll('SELECT count(*) FROM units')).getRowsJS()[0][0]);
const unitType = unitCount <= 65536 ? 'USMALLINT' : 'UINTEGER';
await run(`CREATE TABLE answers AS
  SELECT u.unit::${unitType} AS unit, n.instrument, i.item, w.option::UTINYINT AS option
  FROM (UNPIVOT wide ON ${itemColumns.join(', ')} INTO NAME code VALUE option) w
  JOIN units u ON u.name = w.unit AND u.round = w.round
  JOIN instruments n ON n.code = w.instrument
  JOIN items i ON i.code = w.code
  ORDER BY unit, item`);
await run('DROP TABLE wide');
const answerCount = (await connection.runAndReadAll('SELECT count(*) FROM answers')).getRowsJS()[0][0];
const threads = (await connection.runAndReadAll("SELECT current_setting('threads')")).getRowsJS()[0][0];
console.error(`duckdb: ${answerCount} answers loaded in ${(performance.now() - started).toFixed(0)} ms, ` +
  `${threads} threads`);

// Item scores straight from the answers: DuckDB's hash aggregate with the
// small items table joined in is faster than counting per option first
// (which is what suits SQLite). 100.0::DOUBLE keeps the arithmetic in
// doubles, as core/scoring.cpp computes 100.0 * favourable / answers.
const scoreQuery = args.query ?? `
WITH item_score AS MATERIALIZED (
  SELECT a.unit, a.item,
         100.0::DOUBLE * count_if((i.favourable_mask >> CASE WHEN i.reverse
                                                          THEN i.option_count + 1 - a.option
                                                          ELSE a.option END) & 1 = 1)
                       / count(*) AS score
  FROM answers a JOIN items i ON i.item = a.item
  GROUP BY a.unit, a.item
), indicator_score AS MATERIALIZED (
  SELECT s.unit, i.indicator, i.instrument, avg(s.score) AS score
  FROM item_score s JOIN items i ON i.item = s.item
  GROUP BY s.unit, i.indicator, i.instrument
), instrument_score AS MATERIALIZED (
  SELECT unit, instrument, avg(score) AS score
  FROM indicator_score GROUP BY unit, instrument
)
SELECT 1 AS level, unit::INTEGER AS unit, item::INTEGER AS key, score FROM item_score
UNION ALL SELECT 2, unit, indicator, score FROM indicator_score
UNION ALL SELECT 3, unit, instrument, score FROM instrument_score
UNION ALL
SELECT 4, s.unit, 0, sum(s.score * w.weight) / sum(w.weight)
FROM instrument_score s JOIN instruments w ON w.instrument = s.instrument
WHERE w.weight > 0 GROUP BY s.unit`;

// Fetching reads the result's vectors (typed arrays underneath) into flat
// arrays: the least work JavaScript can do per row.
async function runQuery(prepared) {
  const result = await prepared.run();
  const n = result.rowCount;
  const rows = {
    level: new Int32Array(n), unit: new Int32Array(n), key: new Int32Array(n),
    score: new Float64Array(n), length: n,
  };
  let at = 0;
  for (let c = 0; c < result.chunkCount; ++c) {
    const chunk = result.getChunk(c);
    const [level, unit, key, score] = [0, 1, 2, 3].map((k) => chunk.getColumnVector(k));
    for (let r = 0; r < chunk.rowCount; ++r, ++at) {
      rows.level[at] = level.getItem(r);
      rows.unit[at] = unit.getItem(r);
      rows.key[at] = key.getItem(r);
      rows.score[at] = score.getItem(r);
    }
  }
  return rows;
}

const prepared = await connection.prepare(scoreQuery);
let rows = await runQuery(prepared); // warm-up
const times = [];
for (let r = 0; r < repeat; ++r) {
  started = performance.now();
  rows = await runQuery(prepared);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
console.error(`duckdb: runs, ms, sorted: ${times.map((t) => t.toFixed(1)).join(' ')}`);

// Same format as reference_scores.cpp's checksum().
const levelNames = ['item', 'indicator', 'instrument', 'total'];
const counts = [0, 0, 0, 0];
const sums = [0, 0, 0, 0];
for (let r = 0; r < rows.length; ++r) {
  counts[rows.level[r] - 1] += 1;
  sums[rows.level[r] - 1] += rows.score[r];
}
console.log('checksum:' + levelNames.map((name, k) => ` ${name} ${counts[k]} sum ${sums[k].toFixed(4)}`).join(''));
console.log(`| ${'DuckDB: aggregate and fetch, median'.padEnd(44)} | ${times[times.length >> 1].toFixed(2).padStart(10)} |`);

if (args['rows-out']) {
  const unitRows = (await connection.runAndReadAll('SELECT unit, name, round FROM units')).getRowsJS();
  const unitNames = new Map(unitRows.map(([id, name, round]) => [id, [name, round]]));
  const csvField = (s) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const keyName = [
    (k) => items[k].code, (k) => String(indicators[k]), (k) => instruments[k], () => '',
  ];
  const lines = ['level,unit,round,key,score'];
  for (let r = 0; r < rows.length; ++r) {
    const [name, round] = unitNames.get(rows.unit[r]);
    const level = rows.level[r];
    lines.push(`${level},${csvField(name)},${csvField(round)},${csvField(keyName[level - 1](rows.key[r]))},` +
      `${rows.score[r]}`);
  }
  writeFileSync(args['rows-out'], lines.join('\n') + '\n');
}
