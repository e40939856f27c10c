// core/v1 mounts of pod volumes into a container.
import { bool, object, oneOf, str } from '../../schema/schema';
import type { Templated } from './scalars';

/** A volume mounted into a container's filesystem. */
export interface VolumeMount {
  name: string;
  readOnly?: boolean;
  recursiveReadOnly?: 'Disabled' | 'IfPossible' | 'Enabled' | Templated;
  mountPath: string;
  subPath?: string;
  mountPropagation?: 'None' | 'HostToContainer' | 'Bidirectional' | Templated;
  subPathExpr?: string;
}
/** Schema of a VolumeMount. */
export const volumeMountSchema = object<VolumeMount>(
  'VolumeMount',
  {
    name: str,
    readOnly: bool,
    recursiveReadOnly: oneOf('Disabled', 'IfPossible', 'Enabled'),
    mountPath: str,
    subPath: str,
    mountPropagation: oneOf('None', 'HostToContainer', 'Bidirectional'),
    subPathExpr: str,
  },
  ['name', 'mountPath'],
);

/** A raw block volume exposed to a container as a device. */
export interface VolumeDevice {
  name: string;
  devicePath: string;
}
/** Schema of a VolumeDevice. */
export const volumeDeviceSchema = object<VolumeDevice>('VolumeDevice', { name: str, devicePath: str }, [
  'name',
  'devicePath',
]);
