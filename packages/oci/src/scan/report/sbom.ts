import { randomUUID } from 'node:crypto';
import type { ScanReport } from '../scan';
import type { Package } from '../types';
import { purlOf } from './purl';

const OS_ECOSYSTEMS = new Set(['Alpine', 'Debian', 'Ubuntu', 'Red Hat', 'AlmaLinux', 'Rocky Linux']);
const SIMPLE_LICENSE = /^[A-Za-z0-9.+-]+(?: (?:AND|OR|WITH) [A-Za-z0-9.+-]+)*$/;

function uniquePackages(report: ScanReport): { pkg: Package; purl: string; ref: string }[] {
  const seen = new Map<string, number>();
  return report.inventory.packages.map((pkg) => {
    const purl = purlOf(pkg, report.inventory.os);
    const n = seen.get(purl) ?? 0;
    seen.set(purl, n + 1);
    // The same package found in two places gets two components; the ref stays unique.
    return { pkg, purl, ref: n === 0 ? purl : `${purl}#${n}` };
  });
}

/** A CycloneDX 1.5 JSON SBOM of the inventory, with its vulnerabilities. */
export function cycloneDxReport(report: ScanReport, toolVersion = '0.1.0'): string {
  const packages = uniquePackages(report);
  const refOf = new Map(packages.map((p) => [p.pkg, p.ref]));
  const { os } = report.inventory;
  const bom = {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: `urn:uuid:${randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: report.createdAt.toISOString(),
      tools: { components: [{ type: 'application', name: 'slipway', version: toolVersion }] },
      component: {
        'bom-ref': 'root',
        type: report.target.kind === 'image' ? 'container' : 'application',
        name: report.target.name,
        ...(report.target.image
          ? { properties: [{ name: 'slipway:image:id', value: report.target.image.imageId }] }
          : {}),
      },
    },
    components: [
      ...(os
        ? [{ 'bom-ref': `os:${os.id}`, type: 'operating-system', name: os.id, version: os.versionId }]
        : []),
      ...packages.map(({ pkg, purl, ref }) => ({
        'bom-ref': ref,
        type: 'library',
        name: pkg.name,
        version: pkg.version,
        purl,
        ...(pkg.licenses ? { licenses: pkg.licenses.map((name) => ({ license: { name } })) } : {}),
        properties: [
          { name: 'slipway:ecosystem', value: pkg.ecosystem },
          { name: 'slipway:path', value: pkg.path },
          ...(pkg.sourceName ? [{ name: 'slipway:source-name', value: pkg.sourceName }] : []),
        ],
      })),
    ],
    vulnerabilities: report.vulnerabilities.map((finding) => ({
      id: finding.id,
      source: { name: 'OSV', url: `https://osv.dev/vulnerability/${finding.id}` },
      ratings: [
        {
          severity: finding.severity === 'UNKNOWN' ? 'unknown' : finding.severity.toLowerCase(),
          ...(finding.score !== undefined ? { score: finding.score, method: 'CVSSv31' } : {}),
        },
      ],
      ...(finding.summary ? { description: finding.summary } : {}),
      ...(finding.fixedVersion
        ? { recommendation: `Upgrade ${finding.package.name} to ${finding.fixedVersion}` }
        : {}),
      ...(finding.aliases.length > 0
        ? { references: finding.aliases.map((id) => ({ id, source: { name: 'OSV' } })) }
        : {}),
      affects: [{ ref: refOf.get(finding.package) ?? purlOf(finding.package, os) }],
    })),
  };
  return `${JSON.stringify(bom, null, 2)}\n`;
}

/** An SPDX 2.3 JSON SBOM of the inventory: the target DESCRIBES-d, CONTAINS-ing every package. */
export function spdxReport(report: ScanReport, toolVersion = '0.1.0'): string {
  const packages = uniquePackages(report);
  const { os } = report.inventory;
  const spdxId = (n: number) => `SPDXRef-Package-${n}`;
  const doc = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: report.target.name,
    documentNamespace: `https://slipway.invalid/spdx/${encodeURIComponent(report.target.name)}-${randomUUID()}`,
    creationInfo: {
      created: report.createdAt.toISOString().replace(/\.\d+Z$/, 'Z'),
      creators: [`Tool: slipway-${toolVersion}`],
    },
    packages: [
      {
        SPDXID: 'SPDXRef-Root',
        name: report.target.name,
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        primaryPackagePurpose: report.target.kind === 'image' ? 'CONTAINER' : 'SOURCE',
      },
      ...(os
        ? [
            {
              SPDXID: 'SPDXRef-OperatingSystem',
              name: os.id,
              versionInfo: os.versionId,
              downloadLocation: 'NOASSERTION',
              filesAnalyzed: false,
              primaryPackagePurpose: 'OPERATING-SYSTEM',
            },
          ]
        : []),
      ...packages.map(({ pkg, purl }, n) => {
        const license =
          pkg.licenses?.length === 1 && SIMPLE_LICENSE.test(pkg.licenses[0] ?? '')
            ? pkg.licenses[0]
            : undefined;
        return {
          SPDXID: spdxId(n),
          name: pkg.name,
          versionInfo: pkg.version,
          downloadLocation: 'NOASSERTION',
          filesAnalyzed: false,
          licenseConcluded: 'NOASSERTION',
          licenseDeclared: license ?? 'NOASSERTION',
          sourceInfo: `${OS_ECOSYSTEMS.has(pkg.ecosystem) ? 'installed package' : 'package'} found in: ${pkg.path}`,
          externalRefs: [
            { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl },
          ],
          primaryPackagePurpose: 'LIBRARY',
        };
      }),
    ],
    relationships: [
      {
        spdxElementId: 'SPDXRef-DOCUMENT',
        relationshipType: 'DESCRIBES',
        relatedSpdxElement: 'SPDXRef-Root',
      },
      ...(os
        ? [
            {
              spdxElementId: 'SPDXRef-Root',
              relationshipType: 'CONTAINS',
              relatedSpdxElement: 'SPDXRef-OperatingSystem',
            },
          ]
        : []),
      ...packages.map((_, n) => ({
        spdxElementId: 'SPDXRef-Root',
        relationshipType: 'CONTAINS',
        relatedSpdxElement: spdxId(n),
      })),
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
