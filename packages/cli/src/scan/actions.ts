import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  AdvisoryDb,
  type Finding,
  hasFindings,
  type ImageInput,
  importAdvisories,
  openOciArchive,
  openOciLayout,
  parseIgnoreFile,
  parsePlatform,
  renderReport,
  type ScanOptions,
  type ScanReport,
  scanDirectory,
  scanImage,
  updateAdvisoryDb,
} from '@slipway/oci';
import { parseLocation } from '../image/locations';
import { openSource } from '../image/open-location';
import { RegistryPool } from '../image/registry-pool';
import { UsageError } from '../usage-error';
import type { ScanRequest } from './scan-request';

/** What the scan commands read and write outside themselves. */
export interface ScanIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly setExitCode: (code: number) => void;
  readonly cwd?: string;
}

/** Where the advisory database is kept: `--db`, else `<home>/advisories.db`. */
export interface DbFlags {
  home?: string;
  db?: string;
}

/** The advisory database file for these flags: `--db`, else under `--home`, `$SLIPWAY_HOME` or `~/.slipway`. */
export function dbPathOf(flags: DbFlags, io: ScanIo): string {
  return flags.db ?? join(flags.home ?? io.env.SLIPWAY_HOME ?? join(homedir(), '.slipway'), 'advisories.db');
}

const OS_ECOSYSTEMS = new Set(['Alpine', 'Debian', 'Ubuntu', 'Red Hat', 'AlmaLinux', 'Rocky Linux']);

/** The ignore file: the one named, else `.slipwayignore`, else `.trivyignore` in the working directory. */
async function ignoreRules(request: ScanRequest, io: ScanIo) {
  const cwd = io.cwd ?? process.cwd();
  const path =
    request.ignoreFile ??
    ['.slipwayignore', '.trivyignore'].map((name) => join(cwd, name)).find((p) => existsSync(p));
  return path ? parseIgnoreFile(path, await readFile(path, 'utf8')) : [];
}

function byPackageType(findings: Finding[], types: ScanRequest['packageTypes']): Finding[] {
  if (!types) return findings;
  return findings.filter((f) => types.includes(OS_ECOSYSTEMS.has(f.package.ecosystem) ? 'os' : 'library'));
}

async function runOnTarget(
  request: ScanRequest,
  options: ScanOptions,
  io: ScanIo,
  registry: RegistryFlagsLike,
): Promise<ScanReport> {
  const { target } = request;
  if (target.kind === 'directory') return scanDirectory(target.path, options);
  const platform = request.platform ? parsePlatform(request.platform) : undefined;
  if (target.kind === 'image-layout') {
    const layout = await openOciLayout(target.path);
    try {
      return await scanImage({ kind: 'source', source: layout, ...(platform ? { platform } : {}) }, options);
    } finally {
      await layout.close();
    }
  }
  const location = await parseLocation(target.kind === 'image-archive' ? target.path : target.reference);
  if (target.kind === 'image-archive' && location.kind === 'registry') {
    throw new UsageError(`--input ${target.path}: no such file`);
  }
  if (location.kind === 'docker-archive') {
    const input: ImageInput = {
      kind: 'docker-archive',
      path: location.path,
      ...(location.ref ? { tag: location.ref } : {}),
    };
    return scanImage(input, options);
  }
  if (location.kind === 'oci-archive') {
    const archive = await openOciArchive(location.path, location.ref ? { ref: location.ref } : {});
    try {
      return await scanImage({ kind: 'source', source: archive, ...(platform ? { platform } : {}) }, options);
    } finally {
      await archive.close();
    }
  }
  const pool = new RegistryPool({
    insecure: registry.insecure ? ['*'] : registry.insecureRegistry,
    caFiles: registry.caCert,
    env: io.env,
  });
  const opened = await openSource(location, pool);
  try {
    return await scanImage(
      {
        kind: 'source',
        source: opened.source,
        ...(opened.reference ? { reference: opened.reference } : {}),
        ...(platform ? { platform } : {}),
      },
      options,
    );
  } finally {
    await opened.close();
  }
}

/** Registry flags of `image scan REF`. */
export interface RegistryFlagsLike {
  insecureRegistry: string[];
  insecure?: boolean;
  caCert: string[];
}

/** Runs a scan request: opens the database if vulnerabilities are wanted, scans, writes the report, sets the exit code. */
export async function runScan(
  request: ScanRequest,
  flags: DbFlags & Partial<RegistryFlagsLike>,
  io: ScanIo,
): Promise<void> {
  const db = request.vulnerabilities ? AdvisoryDb.open(dbPathOf(flags, io), { readonly: true }) : undefined;
  try {
    if (db && request.maxAgeSeconds !== undefined) db.checkAge(request.maxAgeSeconds);
    const options: ScanOptions = {
      vulnerabilities: request.vulnerabilities,
      secrets: request.secrets,
      ...(db ? { db } : {}),
      filter: {
        ...(request.severities ? { severities: request.severities } : {}),
        ignoreUnfixed: request.ignoreUnfixed,
        ignore: await ignoreRules(request, io),
      },
      skipFiles: request.skipFiles,
      skipDirs: request.skipDirs,
    };
    const registry = {
      insecureRegistry: flags.insecureRegistry ?? [],
      insecure: flags.insecure ?? false,
      caCert: flags.caCert ?? [],
    };
    const scanned = await runOnTarget(request, options, io, registry);
    const report = {
      ...scanned,
      vulnerabilities: byPackageType(scanned.vulnerabilities, request.packageTypes),
    };
    const colour = request.output === undefined && io.stdout.isTTY === true;
    const text = renderReport(report, request.format, { colour });
    if (request.output !== undefined) await writeFile(request.output, text);
    else io.stdout.write(text);
    if (!request.quiet && request.format !== 'table') {
      for (const skipped of report.inventory.skipped) io.stderr.write(`slipway: skipped ${skipped.reason}\n`);
    }
    if (request.exitCode !== 0 && hasFindings(report)) io.setExitCode(request.exitCode);
  } finally {
    db?.close();
  }
}

/** `slipway db update`: downloads the OSV dumps of the ecosystems asked for. */
export async function runDbUpdate(
  flags: DbFlags & { url?: string; ecosystem: string[] },
  io: ScanIo,
): Promise<void> {
  const db = AdvisoryDb.open(dbPathOf(flags, io), { create: true });
  try {
    const baseUrl = flags.url ?? io.env.SLIPWAY_OSV_URL;
    const result = await updateAdvisoryDb(db, {
      ...(baseUrl ? { baseUrl } : {}),
      ...(flags.ecosystem.length > 0 ? { ecosystems: flags.ecosystem.flatMap((e) => e.split(',')) } : {}),
      onEcosystem: (ecosystem, imported) =>
        io.stderr.write(`${ecosystem}: ${imported.advisories} advisories\n`),
    });
    io.stdout.write(
      `${result.advisories} advisories stored in ${db.path}${skippedNote(result.skipped.length)}\n`,
    );
  } finally {
    db.close();
  }
}

function skippedNote(count: number): string {
  return count > 0 ? ` (${count} entries skipped as not OSV)` : '';
}

/** `slipway db import FILE|DIR…`: imports OSV JSON files or `all.zip` dumps offline. */
export async function runDbImport(paths: string[], flags: DbFlags, io: ScanIo): Promise<void> {
  const db = AdvisoryDb.open(dbPathOf(flags, io), { create: true });
  try {
    const result = await importAdvisories(db, paths);
    db.markUpdated(`import:${paths.join(',')}`);
    for (const skipped of result.skipped.slice(0, 20))
      io.stderr.write(`skipped ${skipped.source}: ${skipped.reason}\n`);
    io.stdout.write(
      `${result.advisories} advisories from ${result.files} files stored in ${db.path}${skippedNote(result.skipped.length)}\n`,
    );
  } finally {
    db.close();
  }
}

/** `slipway db status`: age, source and counts. */
export async function runDbStatus(
  flags: DbFlags & { output: string; maxAge?: string },
  io: ScanIo,
  maxAgeSeconds?: number,
): Promise<void> {
  const db = AdvisoryDb.open(dbPathOf(flags, io), { readonly: true });
  try {
    const status = db.status();
    if (flags.output === 'json') {
      io.stdout.write(
        `${JSON.stringify({ ...status, updatedAt: status.updatedAt?.toISOString() }, null, 2)}\n`,
      );
    } else {
      const age = status.updatedAt
        ? `${formatAge((Date.now() - status.updatedAt.getTime()) / 1000)} ago (${status.updatedAt.toISOString()})`
        : 'never';
      io.stdout.write(
        `database: ${status.path}\nupdated:  ${age}\nsource:   ${status.source ?? '-'}\nadvisories: ${status.advisories}\n`,
      );
      for (const [ecosystem, count] of Object.entries(status.ecosystems))
        io.stdout.write(`  ${ecosystem}: ${count} affected packages\n`);
    }
    if (maxAgeSeconds !== undefined) db.checkAge(maxAgeSeconds);
  } finally {
    db.close();
  }
}

function formatAge(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}
