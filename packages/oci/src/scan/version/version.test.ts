import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { compareVersions } from './index';

/** Asserts every version of `ascending` sorts strictly before the next, both ways round. */
function assertAscending(ecosystem: string, ascending: readonly string[]): void {
  for (let i = 0; i + 1 < ascending.length; i++) {
    const a = ascending[i] as string;
    const b = ascending[i + 1] as string;
    assert.equal(compareVersions(ecosystem, a, b), -1, `${ecosystem}: ${a} < ${b}`);
    assert.equal(compareVersions(ecosystem, b, a), 1, `${ecosystem}: ${b} > ${a}`);
  }
}

function assertEqual(ecosystem: string, a: string, b: string): void {
  assert.equal(compareVersions(ecosystem, a, b), 0, `${ecosystem}: ${a} = ${b}`);
}

const dpkgCases = [
  '1.0~~',
  '1.0~~a',
  '1.0~',
  '1.0~rc1',
  '1.0',
  '1.0-1~bpo1',
  '1.0-1',
  '1.0-1+deb12u1',
  '1.0-1.1',
  '1.0a',
  '1.0+dfsg',
  '1.00.1',
  '1.2',
  '1.10',
  '2:0.1',
];

describe('dpkg ordering', () => {
  test('tildes, revisions, letters and epochs', () => {
    assertAscending('Debian', dpkgCases);
    assertEqual('Debian', '0:1.0-1', '1.0-1');
    assertEqual('Ubuntu', '1.01', '1.1');
  });

  test('agrees with dpkg --compare-versions on every pair', () => {
    for (const a of dpkgCases) {
      for (const b of dpkgCases) {
        let dpkgLess = true;
        try {
          execFileSync('dpkg', ['--compare-versions', a, 'lt', b]);
        } catch {
          dpkgLess = false;
        }
        assert.equal(compareVersions('Debian', a, b) < 0, dpkgLess, `${a} lt ${b}`);
      }
    }
  });
});

describe('apk ordering', () => {
  test('pre-release and post-release suffixes, letters and -rN', () => {
    assertAscending('Alpine', [
      '1.2.3_alpha',
      '1.2.3_alpha2',
      '1.2.3_beta1',
      '1.2.3_pre1',
      '1.2.3_rc1',
      '1.2.3_rc2',
      '1.2.3',
      '1.2.3-r1',
      '1.2.3-r10',
      '1.2.3_p1',
      '1.2.3_p1-r1',
      '1.2.3a',
      '1.2.3b',
      '1.2.3.1',
      '1.2.4',
      '1.10',
    ]);
    assertEqual('Alpine', '3.1.4-r0', '3.1.4-r0');
    assert.equal(compareVersions('Alpine', '1.02', '1.1'), -1, 'a leading zero is a fraction');
  });
});

describe('rpm ordering', () => {
  test('tilde pre-releases, caret snapshots, epochs and releases', () => {
    assertAscending('Red Hat', [
      '1.0~rc1-1',
      '1.0-1',
      '1.0^git1-1',
      '1.0a-1',
      '1.0.1-1',
      '1.0.1-2.el9',
      '1.0.1-10.el9',
      '2.0-1',
      '1:0.5-1',
    ]);
    assertAscending('Red Hat', ['1.0~rc1', '1.0', '1.0^20230101', '1.0.1']);
    assertAscending('Rocky Linux', ['1.0^', '1.0^a', '1.0.1']);
    assertEqual('AlmaLinux', '0:1.0-1', '1.0-1');
    assertEqual('Red Hat', '1.0-1', '1.0-1');
    assertEqual('Red Hat', '1.01-1', '1.1-1');
  });
});

describe('PEP 440 ordering', () => {
  test('dev, pre, post, local and epochs', () => {
    assertAscending('PyPI', [
      '1.0.dev0',
      '1.0.dev1',
      '1.0a1.dev1',
      '1.0a1',
      '1.0a2',
      '1.0b1',
      '1.0rc1',
      '1.0',
      '1.0+local',
      '1.0+local.a',
      '1.0+local.1',
      '1.0+local.2',
      '1.0.post1.dev1',
      '1.0.post1',
      '1.0.1',
      '1.1.dev1',
      '1!0.1',
    ]);
    assertEqual('PyPI', '1.0', '1.0.0');
    assertEqual('PyPI', '1.0alpha1', '1.0a1');
    assertEqual('PyPI', '1.0-1', '1.0.post1');
    assertEqual('PyPI', '1.0c1', '1.0rc1');
  });
});

describe('semver ecosystems', () => {
  test('npm pre-releases and build metadata', () => {
    assertAscending('npm', [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-beta',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.10.0',
    ]);
    assertEqual('npm', '1.0.0+build1', '1.0.0+build2');
  });

  test('Go versions, pseudo-versions and +incompatible', () => {
    assertAscending('Go', [
      'v0.0.0-20190101000000-abcdefabcdef',
      'v0.0.0-20191109021931-daa7c04131f5',
      'v0.1.0',
      'v0.1.1-0.20200101000000-abcdefabcdef',
      'v0.1.1',
      'v1.2.3-pre.0.20200101000000-abcdefabcdef',
      'v1.2.3',
      'v2.0.0+incompatible',
      'v2.1.0',
    ]);
    assertEqual('Go', 'v1.2.3', '1.2.3');
  });

  test('crates.io', () => {
    assertAscending('crates.io', ['0.9.9', '0.10.0-rc.1', '0.10.0', '1.0.0']);
  });
});

describe('other ecosystems', () => {
  test('RubyGems pre-releases', () => {
    assertAscending('RubyGems', ['1.0.a', '1.0.b1', '1.0', '1.0.1', '1.1']);
    assertEqual('RubyGems', '1.0', '1.0.0');
  });

  test('Maven qualifiers', () => {
    assertAscending('Maven', [
      '1.0-alpha-1',
      '1.0-beta-2',
      '1.0-rc1',
      '1.0-SNAPSHOT',
      '1.0',
      '1.0-sp1',
      '1.0.1',
      '1.10',
    ]);
    assertEqual('Maven', '1.0.Final', '1.0');
  });
});
