// core/v1 security settings of a container and of a pod.
import { bool, int, list, object, oneOf, str } from '../../schema/schema';
import type { Templated } from './scalars';

/** Linux capabilities added to or dropped from a container. */
export interface Capabilities {
  add?: string[];
  drop?: string[];
}
/** Schema of Capabilities. */
export const capabilitiesSchema = object<Capabilities>('Capabilities', { add: list(str), drop: list(str) });

/** An SELinux label. */
export interface SELinuxOptions {
  user?: string;
  role?: string;
  type?: string;
  level?: string;
}
/** Schema of SELinuxOptions. */
export const seLinuxOptionsSchema = object<SELinuxOptions>('SELinuxOptions', {
  user: str,
  role: str,
  type: str,
  level: str,
});

/** Which kind of seccomp or AppArmor profile applies. */
export type ProfileType = 'RuntimeDefault' | 'Unconfined' | 'Localhost' | Templated;
const profileType = oneOf('RuntimeDefault', 'Unconfined', 'Localhost');

/** A seccomp profile. */
export interface SeccompProfile {
  type: ProfileType;
  localhostProfile?: string;
}
/** Schema of a SeccompProfile. */
export const seccompProfileSchema = object<SeccompProfile>(
  'SeccompProfile',
  { type: profileType, localhostProfile: str },
  ['type'],
);

/** An AppArmor profile. */
export interface AppArmorProfile {
  type: ProfileType;
  localhostProfile?: string;
}
/** Schema of an AppArmorProfile. */
export const appArmorProfileSchema = object<AppArmorProfile>(
  'AppArmorProfile',
  { type: profileType, localhostProfile: str },
  ['type'],
);

/** Windows-specific security settings. */
export interface WindowsSecurityContextOptions {
  gmsaCredentialSpecName?: string;
  gmsaCredentialSpec?: string;
  runAsUserName?: string;
  hostProcess?: boolean;
}
/** Schema of WindowsSecurityContextOptions. */
export const windowsSecurityContextOptionsSchema = object<WindowsSecurityContextOptions>(
  'WindowsSecurityContextOptions',
  { gmsaCredentialSpecName: str, gmsaCredentialSpec: str, runAsUserName: str, hostProcess: bool },
);

/** Security settings of one container (they override the pod's). */
export interface SecurityContext {
  capabilities?: Capabilities;
  privileged?: boolean;
  seLinuxOptions?: SELinuxOptions;
  windowsOptions?: WindowsSecurityContextOptions;
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  readOnlyRootFilesystem?: boolean;
  allowPrivilegeEscalation?: boolean;
  procMount?: 'Default' | 'Unmasked' | Templated;
  seccompProfile?: SeccompProfile;
  appArmorProfile?: AppArmorProfile;
}
/** Schema of a SecurityContext. */
export const securityContextSchema = object<SecurityContext>('SecurityContext', {
  capabilities: capabilitiesSchema,
  privileged: bool,
  seLinuxOptions: seLinuxOptionsSchema,
  windowsOptions: windowsSecurityContextOptionsSchema,
  runAsUser: int,
  runAsGroup: int,
  runAsNonRoot: bool,
  readOnlyRootFilesystem: bool,
  allowPrivilegeEscalation: bool,
  procMount: oneOf('Default', 'Unmasked'),
  seccompProfile: seccompProfileSchema,
  appArmorProfile: appArmorProfileSchema,
});

/** A namespaced kernel parameter set for the pod. */
export interface Sysctl {
  name: string;
  value: string;
}
/** Schema of a Sysctl. */
export const sysctlSchema = object<Sysctl>('Sysctl', { name: str, value: str }, ['name', 'value']);

/** Security settings of a whole pod. */
export interface PodSecurityContext {
  seLinuxOptions?: SELinuxOptions;
  windowsOptions?: WindowsSecurityContextOptions;
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  supplementalGroups?: number[];
  supplementalGroupsPolicy?: 'Merge' | 'Strict' | Templated;
  fsGroup?: number;
  sysctls?: Sysctl[];
  fsGroupChangePolicy?: 'OnRootMismatch' | 'Always' | Templated;
  seccompProfile?: SeccompProfile;
  appArmorProfile?: AppArmorProfile;
  seLinuxChangePolicy?: 'MountOption' | 'Recursive' | Templated;
}
/** Schema of a PodSecurityContext. */
export const podSecurityContextSchema = object<PodSecurityContext>('PodSecurityContext', {
  seLinuxOptions: seLinuxOptionsSchema,
  windowsOptions: windowsSecurityContextOptionsSchema,
  runAsUser: int,
  runAsGroup: int,
  runAsNonRoot: bool,
  supplementalGroups: list(int),
  supplementalGroupsPolicy: oneOf('Merge', 'Strict'),
  fsGroup: int,
  sysctls: list(sysctlSchema),
  fsGroupChangePolicy: oneOf('OnRootMismatch', 'Always'),
  seccompProfile: seccompProfileSchema,
  appArmorProfile: appArmorProfileSchema,
  seLinuxChangePolicy: oneOf('MountOption', 'Recursive'),
});
