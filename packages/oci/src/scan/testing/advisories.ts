/** An OSV advisory as tests write them. */
export interface TestAdvisory {
  id: string;
  modified: string;
  aliases?: string[];
  summary?: string;
  severity?: { type: string; score: string }[];
  database_specific?: Record<string, unknown>;
  withdrawn?: string;
  affected: {
    package: { ecosystem: string; name: string };
    ranges?: { type: string; events: Record<string, string>[] }[];
    versions?: string[];
    ecosystem_specific?: Record<string, unknown>;
  }[];
}

/** One affected package with a single introduced/fixed range. */
export function advisory(
  id: string,
  ecosystem: string,
  name: string,
  events: Record<string, string>[],
  extra: Partial<TestAdvisory> = {},
): TestAdvisory {
  return {
    id,
    modified: '2024-01-01T00:00:00Z',
    ...extra,
    affected: [
      { package: { ecosystem, name }, ranges: [{ type: 'ECOSYSTEM', events }] },
      ...(extra.affected ?? []),
    ],
  };
}

/** A CVSS 3.1 vector scoring 9.8 (CRITICAL). */
export const CRITICAL_VECTOR = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
/** A CVSS 3.1 vector scoring 7.5 (HIGH). */
export const HIGH_VECTOR = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H';

/** Advisories for `alpineAppImage`, with the findings each should (or should not) give. */
export function alpineAppAdvisories(): TestAdvisory[] {
  return [
    advisory('ALPINE-CVE-2023-0001', 'Alpine:v3.19', 'openssl', [{ introduced: '0' }, { fixed: '3.1.4-r5' }]),
    advisory(
      'ALPINE-CVE-2023-0002',
      'Alpine:v3.19',
      'busybox',
      [{ introduced: '0' }, { fixed: '1.36.1-r16' }],
      {
        severity: [{ type: 'CVSS_V3', score: HIGH_VECTOR }],
      },
    ),
    advisory('ALPINE-CVE-2023-0003', 'Alpine:v3.18', 'busybox', [
      { introduced: '0' },
      { fixed: '1.36.1-r20' },
    ]),
    advisory('ALPINE-CVE-2023-0004', 'Alpine:v3.19', 'musl', [
      { introduced: '0' },
      { fixed: '1.2.4_git20230717-r3' },
    ]),
    advisory('ALPINE-CVE-2023-0005', 'Alpine:v3.19', 'busybox', [{ introduced: '0' }], {
      withdrawn: '2024-01-02T00:00:00Z',
    }),
    advisory('GHSA-35jh-r3h4-6jhm', 'npm', 'lodash', [{ introduced: '0' }, { fixed: '4.17.21' }], {
      aliases: ['CVE-2021-23337'],
      summary: 'Command injection in lodash',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' }],
    }),
    advisory('CVE-2021-23337', 'npm', 'lodash', [{ introduced: '0' }, { fixed: '4.17.21' }], {
      aliases: ['GHSA-35jh-r3h4-6jhm'],
    }),
    advisory('GHSA-old-lodash', 'npm', 'lodash', [{ introduced: '0' }, { fixed: '4.17.16' }]),
    advisory('GHSA-minimist', 'npm', 'minimist', [{ introduced: '0' }, { last_affected: '1.2.5' }]),
    {
      id: 'GHSA-scope-pkg',
      modified: '2024-01-01T00:00:00Z',
      database_specific: { severity: 'MODERATE' },
      affected: [{ package: { ecosystem: 'npm', name: '@scope/pkg' }, versions: ['0.9.0', '1.0.0'] }],
    },
    advisory('PYSEC-2023-74', 'PyPI', 'requests', [{ introduced: '0' }, { fixed: '2.31.0' }], {
      database_specific: { severity: 'LOW' },
    }),
    advisory(
      'GHSA-flask',
      'PyPI',
      'Flask',
      [{ introduced: '2.3.0' }, { fixed: '2.3.2' }, { introduced: '2.2.0' }, { fixed: '2.2.5' }],
      {
        severity: [{ type: 'CVSS_V3', score: CRITICAL_VECTOR }],
      },
    ),
    advisory('GHSA-django', 'PyPI', 'django', [{ introduced: '0' }, { fixed: '3.2.1' }]),
    {
      id: 'GO-2023-2102',
      modified: '2024-01-01T00:00:00Z',
      affected: [
        {
          package: { ecosystem: 'Go', name: 'golang.org/x/net' },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '0.17.0' }] }],
        },
      ],
    },
    {
      id: 'GO-2023-0001',
      modified: '2024-01-01T00:00:00Z',
      affected: [
        {
          package: { ecosystem: 'Go', name: 'github.com/foo/bar' },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.2.5' }] }],
        },
      ],
    },
    {
      id: 'GO-2023-2185',
      modified: '2024-01-01T00:00:00Z',
      affected: [
        {
          package: { ecosystem: 'Go', name: 'stdlib' },
          ranges: [
            {
              type: 'SEMVER',
              events: [
                { introduced: '0' },
                { fixed: '1.20.11' },
                { introduced: '1.21.0-0' },
                { fixed: '1.21.4' },
              ],
            },
          ],
        },
      ],
    },
  ];
}

/** The findings `alpineAppImage` must give against `alpineAppAdvisories`: `id package version fixed`. */
export const ALPINE_APP_FINDINGS = [
  'ALPINE-CVE-2023-0002 busybox 1.36.1-r15 1.36.1-r16',
  'GHSA-35jh-r3h4-6jhm lodash 4.17.20 4.17.21',
  'GHSA-scope-pkg @scope/pkg 1.0.0 -',
  'PYSEC-2023-74 requests 2.25.0 2.31.0',
  'GHSA-flask flask 2.3.0 2.3.2',
  'GO-2023-2102 golang.org/x/net v0.10.0 0.17.0',
  'GO-2023-2185 stdlib 1.21.3 1.21.4',
];

/** Advisories for `debianImage`. */
export function debianAdvisories(): TestAdvisory[] {
  return [
    advisory('DEBIAN-CVE-2024-0001', 'Debian:12', 'openssl', [
      { introduced: '0' },
      { fixed: '3.0.11-1~deb12u2' },
    ]),
    advisory('DEBIAN-CVE-2024-0002', 'Debian:12', 'glibc', [
      { introduced: '0' },
      { fixed: '2.36-9+deb12u3' },
    ]),
    advisory('DEBIAN-CVE-2024-0003', 'Debian:11', 'glibc', [
      { introduced: '0' },
      { fixed: '2.36-9+deb12u4' },
    ]),
    advisory('DEBIAN-CVE-2024-0004', 'Debian:12', 'foo', [{ introduced: '0' }, { fixed: '1.2-4' }]),
    advisory('DEBIAN-CVE-2024-0005', 'Debian:12', 'zlib', [
      { introduced: '0' },
      { fixed: '1:1.2.13.dfsg-2' },
    ]),
    advisory('DEBIAN-CVE-2024-0006', 'Debian:12', 'oldpkg', [{ introduced: '0' }]),
    advisory('DEBIAN-CVE-2024-0007', 'Debian:12', 'glibc', [{ introduced: '0' }]),
  ];
}

/** The findings `debianImage` must give against `debianAdvisories`. */
export const DEBIAN_FINDINGS = [
  'DEBIAN-CVE-2024-0001 libssl3 3.0.11-1~deb12u1 3.0.11-1~deb12u2',
  'DEBIAN-CVE-2024-0001 openssl 3.0.11-1~deb12u1 3.0.11-1~deb12u2',
  'DEBIAN-CVE-2024-0004 libfoo1 1.2-3+b1 1.2-4',
  'DEBIAN-CVE-2024-0005 zlib1g 1:1.2.13.dfsg-1 1:1.2.13.dfsg-2',
  'DEBIAN-CVE-2024-0007 libc6 2.36-9+deb12u3 -',
];
