// `okr`: the command line over the same core as the language server.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfigText, parseOkr, toJsonModel, type Finding, type OkrConfig } from '../core/index';
import { todayIso } from '../core/check';
import { report } from './report';
import { toSarif } from './sarif';
import { listPaths } from './paths';
import { checkFiles, checkThreadCount } from '../node/checkPool';
import { fileUri, NodeFs, uriToPath } from '../node/nodeFs';

const USAGE = `Usage:
  okr check [--format text|json|sarif] [--config <file>] [--locale en|vi|zh-cn] [--today YYYY-MM-DD] <files or folders…>
  okr show [--format json|text] <file>
  okr report [--format md|html|json] [--locale en|vi|zh-cn] [--today YYYY-MM-DD] <files or folders…>

check prints the findings of every *.okr.md file below the folders given. Rule settings come from the
.okr.json / .okr.yaml files found from each file's folder upwards (nearest wins), over --config.
Exit codes: 0 no error finding, 1 an error finding, 2 a usage error.`;

class UsageError extends Error {}

interface Out {
  write(s: string): void;
}

export async function main(argv: string[], out: Out = process.stdout, err: Out = process.stderr): Promise<number> {
  try {
    return await run(argv, out);
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`okr: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    // Never a stack trace for bad input: one line saying what failed.
    err.write(`okr: ${(e as Error)?.message ?? String(e)}\n`);
    return 2;
  }
}

async function run(argv: string[], out: Out): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    out.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        locale: { type: 'string' },
        today: { type: 'string' },
        config: { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today))
    throw new UsageError('--today takes YYYY-MM-DD');
  if (command === 'report')
    return report(positionals, values.format ?? 'md', values.locale, values.today ?? todayIso(), out);
  if (command === 'show') return show(positionals, values.format ?? 'json', out);
  if (command === 'check')
    return check(positionals, values.format ?? 'text', values.locale, values.today, out, values.config);
  throw new UsageError(`unknown command "${command}"`);
}

async function show(paths: string[], format: string, out: Out): Promise<number> {
  if (paths.length !== 1) throw new UsageError('show takes one file');
  if (format !== 'json' && format !== 'text') throw new UsageError(`unknown format "${format}"`);
  const file = paths[0];
  const text = await new NodeFs().readText(fileUri(file));
  if (text === null) throw new UsageError(`cannot read ${file}`);
  const doc = parseOkr(text, fileUri(file));
  const model = toJsonModel(doc, file);
  if (format === 'json') {
    out.write(`${JSON.stringify(model, null, 2)}\n`);
  } else {
    const pct = (p: number | null) => (p === null ? '—' : `${Math.round(p * 100)}%`);
    out.write(`${file}  ${model.owner ?? ''} ${model.period ?? ''} ${pct(model.progress)}\n`);
    for (const o of model.objectives) {
      out.write(`  ${o.id} ${o.title}  ${pct(o.progress)}\n`);
      for (const k of o.keyResults) out.write(`    ${k.id} ${k.title}  ${pct(k.progress)}\n`);
    }
  }
  return 0;
}

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  rule: string;
  message: string;
}

async function check(
  paths: string[],
  format: string,
  locale: string | undefined,
  today: string | undefined,
  out: Out,
  configPath?: string,
): Promise<number> {
  if (paths.length === 0) throw new UsageError('check takes at least one file or folder');
  if (format !== 'json' && format !== 'text' && format !== 'sarif') throw new UsageError(`unknown format "${format}"`);
  const nodeFs = new NodeFs();
  let base: OkrConfig | null = null;
  if (configPath !== undefined) {
    const uri = fileUri(configPath);
    const text = await nodeFs.readText(uri);
    if (text === null) throw new UsageError(`cannot read ${configPath}`);
    const parsed = parseConfigText(text, uri);
    if (!parsed.config) throw new UsageError(`${configPath}: ${parsed.error}`);
    base = parsed.config;
  }
  const { uris: unique, bounds, nodeFs: listed } = await listPaths(paths, (m) => new UsageError(m));
  const results: JsonFinding[] = [];
  const warnings = new Set<string>();
  // Worker threads for many files; the same findings, in the same order, as one thread.
  const checked = await checkFiles(unique, { bounds, base, today, locale }, checkThreadCount(unique.length), listed);
  for (const { uri, findings, configErrors } of checked) {
    const rel = path.relative(process.cwd(), uriToPath(uri)) || uriToPath(uri);
    for (const c of configErrors) warnings.add(`${path.relative(process.cwd(), uriToPath(c.uri))}: ${c.error}`);
    for (const f of findings) results.push(toJson(rel, f));
  }
  for (const w of warnings) process.stderr.write(`okr: ignoring config ${w}\n`);
  if (format === 'json') {
    out.write(`${JSON.stringify(results, null, 2)}\n`);
  } else if (format === 'sarif') {
    out.write(`${JSON.stringify(toSarif(results, await readVersion()), null, 2)}\n`);
  } else {
    // In chunks: stdout to a pipe or file writes synchronously, and one write per finding was
    // 24,588 system calls, a tenth of a second, at the end of checking 10,000 files (profiled).
    let chunk = '';
    for (const r of results) {
      chunk += `${r.file}:${r.line}:${r.column}: ${r.severity} ${r.rule}: ${r.message}\n`;
      if (chunk.length >= 1 << 16) {
        out.write(chunk);
        chunk = '';
      }
    }
    if (chunk) out.write(chunk);
    const errors = results.filter((r) => r.severity === 'error').length;
    out.write(`${unique.length} file(s) checked: ${results.length} finding(s), ${errors} error(s)\n`);
  }
  return results.some((r) => r.severity === 'error') ? 1 : 0;
}

function toJson(file: string, f: Finding): JsonFinding {
  return {
    file,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    severity: f.severity,
    rule: f.rule,
    message: f.message,
  };
}

/** The package version, for SARIF's tool.driver.version (dist/cli.js or the sources under tsx). */
async function readVersion(): Promise<string> {
  for (const p of [
    path.join(__dirname, '..', 'package.json'),
    path.join(__dirname, '..', '..', '..', 'package.json'),
  ]) {
    try {
      const v = (JSON.parse(await fs.readFile(p, 'utf8')) as { name?: string; version?: string }).version;
      if (v) return v;
    } catch {
      // Try the next place.
    }
  }
  return '0.0.0';
}
