import type { ScanReport } from '../scan';
import { SEVERITIES, type Severity } from '../types';

const COLOURS: Record<Severity, string> = {
  UNKNOWN: '\x1b[37m',
  LOW: '\x1b[34m',
  MEDIUM: '\x1b[33m',
  HIGH: '\x1b[31m',
  CRITICAL: '\x1b[1;31m',
};

function table(headers: readonly string[], rows: readonly string[][]): string {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function counts(levels: readonly Severity[]): string {
  return SEVERITIES.slice()
    .reverse()
    .map((level) => `${level}: ${levels.filter((l) => l === level).length}`)
    .join(', ');
}

/** The scan report as text tables for a terminal (colours only when `colour`). */
export function tableReport(report: ScanReport, options: { colour?: boolean } = {}): string {
  const paint = (level: Severity) => (options.colour ? `${COLOURS[level]}${level}\x1b[0m` : level);
  const out: string[] = [];
  const { inventory, target } = report;
  const os = inventory.os ? ` (${inventory.os.id} ${inventory.os.versionId})` : '';
  out.push(`${target.name}${os}: ${inventory.packages.length} packages`);
  out.push(
    `Vulnerabilities: ${report.vulnerabilities.length} (${counts(report.vulnerabilities.map((f) => f.severity))})`,
  );
  if (report.vulnerabilities.length > 0) {
    const rows = report.vulnerabilities.map((f) => [
      f.package.name,
      f.id,
      f.severity,
      f.package.version,
      f.fixedVersion ?? '',
      f.package.path,
      (f.summary ?? '').slice(0, 60),
    ]);
    const text = table(['Package', 'Vulnerability', 'Severity', 'Installed', 'Fixed', 'Path', 'Title'], rows);
    out.push(
      options.colour
        ? text.replace(/\b(UNKNOWN|LOW|MEDIUM|HIGH|CRITICAL)\b/g, (m) => paint(m as Severity))
        : text,
    );
  }
  if (report.secrets.length > 0) {
    out.push(`Secrets: ${report.secrets.length} (${counts(report.secrets.map((s) => s.severity))})`);
    out.push(
      table(
        ['Rule', 'Severity', 'Location', 'Match'],
        report.secrets.map((s) => [s.ruleId, s.severity, `${s.path}:${s.line}`, s.match.slice(0, 80)]),
      ),
    );
  }
  for (const skipped of inventory.skipped) out.push(`skipped: ${skipped.reason}`);
  return `${out.join('\n\n')}\n`;
}
