import type { Ecosystem } from '../types';
import { compareApk } from './apk';
import { compareDpkg } from './dpkg';
import { compareGem } from './gem';
import { compareGeneric } from './generic';
import { comparePep440 } from './pep440';
import { compareRpm } from './rpm';
import { compareSemver } from './semver';

export { compareApk } from './apk';
export { compareDpkg } from './dpkg';
export { compareGem } from './gem';
export { compareGeneric } from './generic';
export { comparePep440, parsePep440 } from './pep440';
export { compareRpm, rpmvercmp } from './rpm';
export { compareSemver, isSemver } from './semver';

/** Orders two versions by the rules of `ecosystem`: negative, zero or positive like `Array.sort`. */
export function compareVersions(ecosystem: Ecosystem | string, a: string, b: string): number {
  switch (ecosystem) {
    case 'Debian':
    case 'Ubuntu':
      return Math.sign(compareDpkg(a, b));
    case 'Alpine':
      return compareApk(a, b);
    case 'Red Hat':
    case 'AlmaLinux':
    case 'Rocky Linux':
      return Math.sign(compareRpm(a, b));
    case 'PyPI':
      return Math.sign(comparePep440(a, b) ?? compareGeneric(a, b));
    case 'npm':
    case 'Go':
    case 'crates.io':
      return Math.sign(compareSemver(a, b));
    case 'RubyGems':
      return Math.sign(compareGem(a, b));
    default:
      return Math.sign(compareGeneric(a, b));
  }
}
