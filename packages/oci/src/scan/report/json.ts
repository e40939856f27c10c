import type { ScanReport } from '../scan';

/** The scan report as JSON: target, OS, packages, vulnerabilities, secrets and skipped files. */
export function jsonReport(report: ScanReport): string {
  const { target, inventory } = report;
  return `${JSON.stringify(
    {
      schemaVersion: 1,
      createdAt: report.createdAt.toISOString(),
      target: {
        kind: target.kind,
        name: target.name,
        ...(target.image
          ? {
              imageId: target.image.imageId,
              repoTags: target.image.repoTags,
              os: target.image.os,
              architecture: target.image.architecture,
              diffIds: target.image.diffIds,
            }
          : {}),
      },
      ...(report.dbUpdatedAt ? { dbUpdatedAt: report.dbUpdatedAt.toISOString() } : {}),
      ...(inventory.os ? { os: inventory.os } : {}),
      packages: inventory.packages,
      vulnerabilities: report.vulnerabilities.map((finding) => ({
        id: finding.id,
        aliases: finding.aliases,
        severity: finding.severity,
        ...(finding.score !== undefined ? { score: finding.score } : {}),
        package: finding.package.name,
        ecosystem: finding.package.ecosystem,
        installedVersion: finding.package.version,
        ...(finding.fixedVersion !== undefined ? { fixedVersion: finding.fixedVersion } : {}),
        path: finding.package.path,
        ...(finding.summary ? { summary: finding.summary } : {}),
        references: finding.references,
      })),
      secrets: report.secrets,
      skipped: inventory.skipped,
    },
    null,
    2,
  )}\n`;
}
