import type { ScanReport } from '../scan';
import type { Severity } from '../types';

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = {
  CRITICAL: 'error',
  HIGH: 'error',
  MEDIUM: 'warning',
  LOW: 'note',
  UNKNOWN: 'note',
};
// GitHub code scanning ranks alerts by `security-severity`; without a CVSS score, a level's midpoint stands in.
const DEFAULT_SCORES: Record<Severity, number> = {
  CRITICAL: 9.5,
  HIGH: 8.0,
  MEDIUM: 5.5,
  LOW: 2.0,
  UNKNOWN: 0,
};

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri?: string;
  help: { text: string; markdown: string };
  properties: { 'security-severity': string; precision: string; tags: string[] };
}

/** The scan report as SARIF 2.1.0, for GitHub code scanning: one rule per advisory or secret rule. */
export function sarifReport(report: ScanReport, toolVersion = '0.1.0'): string {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const rule = (id: string, make: () => SarifRule): number => {
    let index = ruleIndex.get(id);
    if (index === undefined) {
      index = rules.push(make()) - 1;
      ruleIndex.set(id, index);
    }
    return index;
  };
  const results: unknown[] = [];
  const artifact = (path: string) =>
    report.target.kind === 'image' ? `${report.target.name.replace(/[^A-Za-z0-9._-]+/g, '_')}/${path}` : path;
  for (const finding of report.vulnerabilities) {
    const text = finding.summary ?? `${finding.id} in ${finding.package.name}`;
    const index = rule(finding.id, () => ({
      id: finding.id,
      name: 'OsPackageVulnerability',
      shortDescription: { text },
      fullDescription: { text },
      ...(finding.references[0] ? { helpUri: finding.references[0] } : {}),
      help: {
        text: `Vulnerability ${finding.id}\nSeverity: ${finding.severity}\n${text}`,
        markdown: `**Vulnerability ${finding.id}**\n\nSeverity: ${finding.severity}\n\n${text}`,
      },
      properties: {
        'security-severity': (finding.score ?? DEFAULT_SCORES[finding.severity]).toFixed(1),
        precision: 'very-high',
        tags: ['vulnerability', 'security', finding.severity],
      },
    }));
    const fixed = finding.fixedVersion ? `, fixed in ${finding.fixedVersion}` : '';
    results.push({
      ruleId: finding.id,
      ruleIndex: index,
      level: LEVELS[finding.severity],
      message: {
        text: `Package: ${finding.package.name}\nInstalled Version: ${finding.package.version}\nVulnerability ${finding.id}\nSeverity: ${finding.severity}${fixed}`,
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifact(finding.package.path), uriBaseId: 'ROOTPATH' },
            region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
          },
        },
      ],
    });
  }
  for (const secret of report.secrets) {
    const index = rule(secret.ruleId, () => ({
      id: secret.ruleId,
      name: 'Secret',
      shortDescription: { text: secret.title },
      fullDescription: { text: secret.title },
      help: { text: `Secret ${secret.title}`, markdown: `**Secret ${secret.title}**` },
      properties: {
        'security-severity': DEFAULT_SCORES[secret.severity].toFixed(1),
        precision: 'high',
        tags: ['secret', 'security', secret.severity],
      },
    }));
    results.push({
      ruleId: secret.ruleId,
      ruleIndex: index,
      level: LEVELS[secret.severity],
      message: { text: `${secret.title}: ${secret.match}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifact(secret.path), uriBaseId: 'ROOTPATH' },
            region: { startLine: secret.line, startColumn: 1, endLine: secret.line, endColumn: 1 },
          },
        },
      ],
    });
  }
  const sarif = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'Slipway',
            fullName: 'Slipway scanner',
            version: toolVersion,
            informationUri: 'https://github.com/slipway',
            rules,
          },
        },
        results,
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { ROOTPATH: { uri: 'file:///' } },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
