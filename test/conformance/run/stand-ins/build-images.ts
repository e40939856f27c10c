// Builds the stand-in images from this machine's static busybox, shell scripts and host programs.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createLayer, type LayerBlob, type LayerEntry } from '@slipway/oci';
import { buildBusyboxImage } from '../../../../packages/oci/src/testing/image-builder';
import {
  assembleImage,
  type MemoryImage,
} from '../../../../packages/oci/src/testing/image-builder/memory-image';
import { ARGOSAY_SCRIPT } from './argosay';
import type { StandInKind } from './catalog';
import { COWSAY_SCRIPT } from './cowsay';
import { HostFileSet } from './host-binaries';

/** Host programs the stand-ins copy in; paths are options so another machine can point elsewhere. */
export interface HostPrograms {
  readonly bash: string;
  readonly python: string;
  /** The Python standard library directory matching `python`. */
  readonly pythonLib: string;
  readonly jq: string;
  readonly node: string;
}

/** Debian's locations. */
export const DEBIAN_PROGRAMS: HostPrograms = {
  bash: '/usr/bin/bash',
  python: '/usr/bin/python3.11',
  pythonLib: '/usr/lib/python3.11',
  jq: '/usr/bin/jq',
  node: '/usr/bin/node',
};

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const SKIPPED_PYTHON = new Set([
  '__pycache__',
  'test',
  'tests',
  'idlelib',
  'tkinter',
  'turtledemo',
  'ensurepip',
  'lib2to3',
  'site-packages',
  'dist-packages',
  'pydoc_data',
]);

async function layerOf(files: HostFileSet): Promise<LayerBlob> {
  return createLayer(files.entries(), { reproducible: true, gzipLevel: 1 });
}

async function bashLayer(programs: HostPrograms): Promise<LayerBlob> {
  const files = new HostFileSet();
  await files.addProgram(programs.bash);
  files.addSymlink('bin/bash', programs.bash);
  return layerOf(files);
}

async function pythonLayer(programs: HostPrograms): Promise<LayerBlob> {
  const files = new HostFileSet();
  await files.addTree(programs.pythonLib, (name) => SKIPPED_PYTHON.has(name) || name.startsWith('config-'));
  const dynload = join(programs.pythonLib, 'lib-dynload');
  const modules = (await readdir(dynload)).map((name) => join(dynload, name));
  await files.addProgram(programs.python, modules);
  for (const name of ['python', 'python3']) files.addSymlink(`usr/local/bin/${name}`, programs.python);
  files.addSymlink('usr/bin/python3', programs.python);
  return layerOf(files);
}

async function jqLayer(programs: HostPrograms): Promise<LayerBlob> {
  const files = new HostFileSet();
  await files.addProgram(programs.jq);
  return layerOf(files);
}

async function nodeLayer(programs: HostPrograms): Promise<LayerBlob> {
  const files = new HostFileSet();
  await files.addProgram(programs.node);
  files.addSymlink('usr/local/bin/node', programs.node);
  return layerOf(files);
}

function scriptsLayer(): Promise<LayerBlob> {
  const entries: LayerEntry[] = [
    { type: 'file', path: 'argosay', content: ARGOSAY_SCRIPT, mode: 0o755 },
    { type: 'directory', path: 'usr' },
    { type: 'directory', path: 'usr/games' },
    { type: 'directory', path: 'usr/local' },
    { type: 'directory', path: 'usr/local/bin' },
    { type: 'file', path: 'usr/games/cowsay', content: COWSAY_SCRIPT, mode: 0o755 },
    { type: 'file', path: 'usr/local/bin/cowsay', content: COWSAY_SCRIPT, mode: 0o755 },
  ];
  return createLayer(entries, { reproducible: true });
}

/** Every image names its system in /etc/os-release; the stand-ins say what they are. */
function etcLayer(): Promise<LayerBlob> {
  const entries: LayerEntry[] = [
    { type: 'directory', path: 'etc' },
    {
      type: 'file',
      path: 'etc/os-release',
      content:
        'NAME="Slipway conformance stand-in"\nID=slipway-stand-in\nPRETTY_NAME="Slipway stand-in (busybox)"\n',
    },
  ];
  return createLayer(entries, { reproducible: true });
}

/** Every stand-in image (or those of `kinds`), named `slipway.test/<kind>:latest`; push them under the names used. */
export async function buildStandInImages(
  programs: HostPrograms = DEBIAN_PROGRAMS,
  kinds?: ReadonlySet<StandInKind>,
): Promise<Map<StandInKind, MemoryImage>> {
  const wanted = (...of: StandInKind[]) => kinds === undefined || of.some((kind) => kinds.has(kind));
  const skip = Promise.resolve(undefined);
  const [busybox, etc] = [(await buildBusyboxImage()).layers[0]!, await etcLayer()];
  const [bash, python, jq, node, scripts] = await Promise.all([
    bashLayer(programs),
    wanted('python') ? pythonLayer(programs) : skip,
    wanted('jq') ? jqLayer(programs) : skip,
    wanted('node') ? nodeLayer(programs) : skip,
    scriptsLayer(),
  ]);
  const env = (path = PATH) => [`PATH=${path}`];
  const images = new Map<StandInKind, MemoryImage>();
  const image = (kind: StandInKind, layers: (LayerBlob | undefined)[], config: Record<string, unknown>) => {
    if (!wanted(kind) || layers.includes(undefined)) return;
    const [base, ...rest] = layers as LayerBlob[];
    images.set(
      kind,
      assembleImage([base!, etc, ...rest], { reference: `slipway.test/${kind}:latest`, config }),
    );
  };
  image('busybox', [busybox], { Env: env(), Cmd: ['sh'] });
  image('alpine', [busybox], { Env: env(), Cmd: ['/bin/sh'] });
  image('debian', [busybox, bash], { Env: env(), Cmd: ['bash'] });
  image('argosay-v1', [busybox, bash, scripts], { Env: env(`${PATH}:/usr/games`), Cmd: ['cowsay'] });
  image('argosay-v2', [busybox, bash, scripts], {
    Env: env(`${PATH}:/usr/games`),
    Entrypoint: ['/argosay'],
  });
  image('whalesay', [busybox, bash, scripts], { Env: env(), Cmd: ['/bin/bash'] });
  image('python', [busybox, python], { Env: env(), Cmd: ['python3'] });
  image('jq', [busybox, jq], { Env: env(), Cmd: ['jq'] });
  image('node', [busybox, node], { Env: env(), Cmd: ['node'] });
  return images;
}
