export { type SelfSignedCertificate, selfSignedCertificate } from './certificates';
export {
  type Fault,
  type FaultProxy,
  type FaultProxyOptions,
  type FaultRule,
  type ProxiedRequest,
  startFaultProxy,
} from './fault-proxy';
export { writeHtpasswd } from './htpasswd';
export { signRegistryToken, type TokenAccess, type TokenClaims } from './jwt';
export { freePort, run, stopProcess } from './processes';
export { type RegistryConfigInput, registryConfig } from './registry-config';
export { readAll, registryScenarios } from './registry-scenarios';
export {
  DOCKER_REGISTRY_BINARY,
  dockerRegistrySkip,
  startTestRegistry,
  TEST_TOKEN_ISSUER,
  TEST_TOKEN_SERVICE,
  TEST_USER,
  type TestRegistry,
  type TestRegistryMode,
  type TestRegistryOptions,
} from './test-registry';
export { buildTinyImage, randomBlob, type TestBlob, type TinyImage, testBlob } from './tiny-image';
export {
  startTokenServer,
  type TestTokenServer,
  type TokenRequestRecord,
  type TokenServerOptions,
} from './token-server';
