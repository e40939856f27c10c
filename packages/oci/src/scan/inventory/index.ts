import { apkCataloguer } from './apk';
import type { Cataloguer } from './cataloguer';
import { dpkgCataloguer } from './dpkg';
import { goModCataloguer, goSumCataloguer } from './go-mod';
import { javaArchiveCataloguer } from './java';
import { nodeModulesCataloguer, packageLockCataloguer, pnpmLockCataloguer, yarnLockCataloguer } from './npm';
import { osReleaseCataloguer } from './os-release';
import { cargoLockCataloguer, composerLockCataloguer, gemfileLockCataloguer } from './other-locks';
import { pythonLockCataloguer, pythonMetadataCataloguer, requirementsCataloguer } from './python';
import { rpmCataloguer } from './rpm';

export type { CatalogueResult, Cataloguer } from './cataloguer';
export { goBinaryPackages, isElf, readGoBuildInfo } from './go-binary';
export { normalizePypiName } from './python';

/** Every file cataloguer, OS first. */
export const CATALOGUERS: readonly Cataloguer[] = [
  osReleaseCataloguer,
  apkCataloguer,
  dpkgCataloguer,
  rpmCataloguer,
  packageLockCataloguer,
  yarnLockCataloguer,
  pnpmLockCataloguer,
  nodeModulesCataloguer,
  requirementsCataloguer,
  pythonLockCataloguer,
  pythonMetadataCataloguer,
  goModCataloguer,
  goSumCataloguer,
  cargoLockCataloguer,
  gemfileLockCataloguer,
  composerLockCataloguer,
  javaArchiveCataloguer,
];

/** The cataloguer for a path, if any. */
export function cataloguerFor(path: string): Cataloguer | undefined {
  return CATALOGUERS.find((cataloguer) => cataloguer.matches(path));
}
