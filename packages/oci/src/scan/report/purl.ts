import type { OsRelease, Package } from '../types';

const enc = (part: string): string => encodeURIComponent(part).replace(/%3A/g, ':');

function namespaced(type: string, name: string, version: string, separator = '/'): string {
  const cut = name.lastIndexOf(separator);
  const path =
    cut > 0 ? `${name.slice(0, cut).split('/').map(enc).join('/')}/${enc(name.slice(cut + 1))}` : enc(name);
  return `pkg:${type}/${path}@${enc(version)}`;
}

/** The package URL (purl) of a package, with the distro as a qualifier for OS packages. */
export function purlOf(pkg: Package, os: OsRelease | undefined): string {
  const distro = os ? `?distro=${enc(`${os.id}-${os.versionId}`)}` : '';
  switch (pkg.ecosystem) {
    case 'Alpine':
      return `pkg:apk/alpine/${enc(pkg.name)}@${enc(pkg.version)}${distro}`;
    case 'Debian':
    case 'Ubuntu':
      return `pkg:deb/${os?.id === 'ubuntu' ? 'ubuntu' : 'debian'}/${enc(pkg.name)}@${enc(pkg.version)}${distro}`;
    case 'Red Hat':
    case 'AlmaLinux':
    case 'Rocky Linux':
      return `pkg:rpm/${enc(os?.id ?? 'redhat')}/${enc(pkg.name)}@${enc(pkg.version)}${distro}`;
    case 'npm':
      return namespaced('npm', pkg.name, pkg.version);
    case 'PyPI':
      return `pkg:pypi/${enc(pkg.name)}@${enc(pkg.version)}`;
    case 'Go':
      return namespaced('golang', pkg.name, pkg.version);
    case 'crates.io':
      return `pkg:cargo/${enc(pkg.name)}@${enc(pkg.version)}`;
    case 'RubyGems':
      return `pkg:gem/${enc(pkg.name)}@${enc(pkg.version)}`;
    case 'Packagist':
      return namespaced('composer', pkg.name, pkg.version);
    case 'Maven':
      return namespaced('maven', pkg.name, pkg.version, ':');
  }
}
