// core/v1 probes and lifecycle hooks of a container: the actions they run and how often.
import { int, list, object, oneOf, str } from '../../schema/schema';
import { type IntOrString, intOrStringSchema, type Templated } from './scalars';

/** A command run inside the container; exit status 0 means healthy. */
export interface ExecAction {
  command?: string[];
}
/** Schema of an ExecAction. */
export const execActionSchema = object<ExecAction>('ExecAction', { command: list(str) });

/** A custom HTTP header sent by an HTTP probe or hook (core/v1 `HTTPHeader`; Argo has its own). */
export interface ProbeHTTPHeader {
  name: string;
  value: string;
}
/** Schema of a ProbeHTTPHeader. */
export const probeHTTPHeaderSchema = object<ProbeHTTPHeader>('HTTPHeader', { name: str, value: str }, [
  'name',
  'value',
]);

/** An HTTP GET request; a 2xx or 3xx status means healthy. */
export interface HTTPGetAction {
  path?: string;
  port: IntOrString;
  host?: string;
  scheme?: 'HTTP' | 'HTTPS' | Templated;
  httpHeaders?: ProbeHTTPHeader[];
}
/** Schema of an HTTPGetAction. */
export const httpGetActionSchema = object<HTTPGetAction>(
  'HTTPGetAction',
  {
    path: str,
    port: intOrStringSchema,
    host: str,
    scheme: oneOf('HTTP', 'HTTPS'),
    httpHeaders: list(probeHTTPHeaderSchema),
  },
  ['port'],
);

/** A TCP connection attempt; an open port means healthy. */
export interface TCPSocketAction {
  port: IntOrString;
  host?: string;
}
/** Schema of a TCPSocketAction. */
export const tcpSocketActionSchema = object<TCPSocketAction>(
  'TCPSocketAction',
  { port: intOrStringSchema, host: str },
  ['port'],
);

/** A gRPC health check (grpc.health.v1) against a port of the container. */
export interface GRPCAction {
  port: number;
  service?: string;
}
/** Schema of a GRPCAction. */
export const grpcActionSchema = object<GRPCAction>('GRPCAction', { port: int, service: str }, ['port']);

/** A pause of some seconds (a lifecycle hook that just waits). */
export interface SleepAction {
  seconds: number;
}
/** Schema of a SleepAction. */
export const sleepActionSchema = object<SleepAction>('SleepAction', { seconds: int }, ['seconds']);

/** A health check of a container: one action plus its timing and thresholds. */
export interface Probe {
  exec?: ExecAction;
  httpGet?: HTTPGetAction;
  tcpSocket?: TCPSocketAction;
  grpc?: GRPCAction;
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  terminationGracePeriodSeconds?: number;
}
/** Schema of a Probe. */
export const probeSchema = object<Probe>('Probe', {
  exec: execActionSchema,
  httpGet: httpGetActionSchema,
  tcpSocket: tcpSocketActionSchema,
  grpc: grpcActionSchema,
  initialDelaySeconds: int,
  timeoutSeconds: int,
  periodSeconds: int,
  successThreshold: int,
  failureThreshold: int,
  terminationGracePeriodSeconds: int,
});

/** The action of a lifecycle hook. */
export interface LifecycleHandler {
  exec?: ExecAction;
  httpGet?: HTTPGetAction;
  tcpSocket?: TCPSocketAction;
  sleep?: SleepAction;
}
/** Schema of a LifecycleHandler. */
export const lifecycleHandlerSchema = object<LifecycleHandler>('LifecycleHandler', {
  exec: execActionSchema,
  httpGet: httpGetActionSchema,
  tcpSocket: tcpSocketActionSchema,
  sleep: sleepActionSchema,
});

/** Hooks run right after a container starts and before it is stopped, and the signal that stops it. */
export interface Lifecycle {
  postStart?: LifecycleHandler;
  preStop?: LifecycleHandler;
  stopSignal?: string;
}
/** Schema of a Lifecycle. */
export const lifecycleSchema = object<Lifecycle>('Lifecycle', {
  postStart: lifecycleHandlerSchema,
  preStop: lifecycleHandlerSchema,
  stopSignal: str,
});
